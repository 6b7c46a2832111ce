using System.Text;
using EastWestIds.Signatures.Buffers;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// Per-worker memory for one request's slot values: each slot is materialized at most once per request, on first
/// need: its transforms applied into a byte arena, then (only if a pcre or the prefilter needs it) widened
/// byte-for-char into a char arena. Arenas grow to the largest request seen and are then reused, so steady-state
/// matching allocates nothing.
/// </summary>
/// <remarks>
/// Why Latin-1 widening: .NET's regex and <c>SearchValues&lt;string&gt;</c> work on chars. Widening each byte to
/// the char of the same value (vectorized by <see cref="Encoding.Latin1"/>) keeps offsets 1:1 with the bytes that
/// contents and evidence use, never fails on invalid UTF-8 (attack payloads often are), and is what PCRE without
/// UTF mode sees in Suricata. Values without transforms are copied into the arena too: one copy per value is cheaper
/// than asking <see cref="IInspectionBuffers"/> again for every scan, gate and rule that reads the value (two
/// interface calls and a range lookup each: about 13% of a benign JSON request's instructions when it was done so).
/// </remarks>
internal sealed class MatchScratch
{
    private readonly InspectionSlot[] _slots;
    private readonly BufferTransform? _transform;
    private readonly int[] _slotStamp;
    private readonly int[] _slotCharsStamp;
    private readonly int[] _slotFirst;
    private readonly int[] _slotCount;
    private readonly int[] _slotClassesStamp;
    private readonly ulong[] _slotClasses;
    private ValueRef[] _values = new ValueRef[64];
    private int _valueCount;
    private byte[] _bytes = new byte[4096];
    private int _bytesUsed;
    private char[] _chars = new char[4096];
    private int _charsUsed;
    private IInspectionBuffers? _buffers;

    public MatchScratch(InspectionSlot[] slots, BufferTransform? transform)
    {
        _slots = slots;
        _transform = transform;
        _slotStamp = new int[slots.Length];
        _slotCharsStamp = new int[slots.Length];
        _slotFirst = new int[slots.Length];
        _slotCount = new int[slots.Length];
        _slotClassesStamp = new int[slots.Length];
        _slotClasses = new ulong[slots.Length];
    }

    public int Generation { get; private set; }

    public void Reset(IInspectionBuffers buffers)
    {
        _buffers = buffers;
        _valueCount = 0;
        _bytesUsed = 0;
        _charsUsed = 0;
        if (++Generation == int.MaxValue)
        {
            Array.Clear(_slotStamp);
            Array.Clear(_slotCharsStamp);
            Array.Clear(_slotClassesStamp);
            Generation = 1;
        }
    }

    /// <summary>Number of values of <paramref name="slot"/>, materializing it (and its chars when asked).</summary>
    public int Prepare(InspectionSlot slot, bool chars)
    {
        int s = slot.Index;
        if (_slotStamp[s] != Generation)
        {
            Materialize(slot);
        }

        if (chars && _slotCharsStamp[s] != Generation)
        {
            Widen(slot);
        }

        return _slotCount[s];
    }

    /// <summary>
    /// The <see cref="CharClasses"/> of all values of <paramref name="slot"/> together (0 when it has none),
    /// materializing it and classifying each value on first need.
    /// </summary>
    public ulong SlotClasses(InspectionSlot slot)
    {
        int s = slot.Index;
        if (_slotClassesStamp[s] != Generation)
        {
            Prepare(slot, chars: false);
            ulong union = 0;
            int first = _slotFirst[s];
            for (int v = 0; v < _slotCount[s]; v++)
            {
                ulong classes = CharClasses.Of(Bytes(slot, v));
                _values[first + v].Classes = classes;
                union |= classes;
            }

            _slotClasses[s] = union;
            _slotClassesStamp[s] = Generation;
        }

        return _slotClasses[s];
    }

    /// <summary>The <see cref="CharClasses"/> of one value; only valid after <see cref="SlotClasses"/>.</summary>
    public ulong Classes(InspectionSlot slot, int value) => _values[_slotFirst[slot.Index] + value].Classes;

    public ReadOnlySpan<byte> Bytes(InspectionSlot slot, int value)
    {
        ref ValueRef v = ref _values[_slotFirst[slot.Index] + value];
        return _bytes.AsSpan(v.ByteStart, v.ByteLength);
    }

    /// <summary>The value as chars; only valid after <see cref="Prepare"/> with chars.</summary>
    public ReadOnlySpan<char> Chars(InspectionSlot slot, int value)
    {
        ref ValueRef v = ref _values[_slotFirst[slot.Index] + value];
        return _chars.AsSpan(v.CharStart, v.ByteLength);
    }

    private void Materialize(InspectionSlot slot)
    {
        IInspectionBuffers buffers = _buffers!;
        int count = buffers.Count(slot.Buffer);
        int first = _valueCount;
        EnsureValues(first + count);
        for (int v = 0; v < count; v++)
        {
            ReadOnlySpan<byte> source = buffers.Get(slot.Buffer, v);
            _values[first + v] = slot.Transforms.Length == 0 ? Copy(source) : Transform(slot, source);
        }

        _valueCount = first + count;
        _slotFirst[slot.Index] = first;
        _slotCount[slot.Index] = count;
        _slotStamp[slot.Index] = Generation;
    }

    private ValueRef Copy(ReadOnlySpan<byte> source)
    {
        int start = Reserve(source.Length);
        source.CopyTo(_bytes.AsSpan(start));
        return new ValueRef(start, source.Length, -1);
    }

    private ValueRef Transform(InspectionSlot slot, ReadOnlySpan<byte> source)
    {
        // Each transform writes into fresh arena space of input + 1 bytes (enough for every transform); the span
        // of the previous output is taken after reserving, because reserving may move the arena.
        int inputStart = -1, inputLength = source.Length;
        foreach (Keywords.TransformOption transform in slot.Transforms)
        {
            int outputStart = Reserve(inputLength + 1);
            ReadOnlySpan<byte> input = inputStart < 0 ? source : _bytes.AsSpan(inputStart, inputLength);
            int written = Math.Clamp(_transform!(transform, input, _bytes.AsSpan(outputStart, inputLength + 1)), 0, inputLength + 1);
            _bytesUsed = outputStart + written;
            inputStart = outputStart;
            inputLength = written;
        }

        return new ValueRef(inputStart, inputLength, -1);
    }

    private void Widen(InspectionSlot slot)
    {
        int first = _slotFirst[slot.Index];
        for (int v = 0; v < _slotCount[slot.Index]; v++)
        {
            ReadOnlySpan<byte> bytes = Bytes(slot, v);
            if (_charsUsed + bytes.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charsUsed + bytes.Length));
            }

            int written = Encoding.Latin1.GetChars(bytes, _chars.AsSpan(_charsUsed));
            _values[first + v].CharStart = _charsUsed;
            _charsUsed += written;
        }

        _slotCharsStamp[slot.Index] = Generation;
    }

    private int Reserve(int length)
    {
        if (_bytesUsed + length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _bytesUsed + length));
        }

        int start = _bytesUsed;
        _bytesUsed += length;
        return start;
    }

    private void EnsureValues(int count)
    {
        if (count > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(_values.Length * 2, count));
        }
    }

    private struct ValueRef(int byteStart, int byteLength, int charStart)
    {
        public int ByteStart = byteStart;
        public int ByteLength = byteLength;
        public int CharStart = charStart;
        public ulong Classes;
    }
}
