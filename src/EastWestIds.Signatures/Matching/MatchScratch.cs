using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// Per-worker memory for one request's slot values: each buffer is copied into a byte arena at most once per request,
/// on first need; each slot with transforms applies them to those copies; values are widened byte-for-char into a
/// char arena and classified (<see cref="CharClasses"/>) only when something asks. Arenas grow to the largest request
/// seen and are then reused, so steady-state matching allocates nothing.
/// </summary>
/// <remarks>
/// Why Latin-1 widening: .NET's regex and <c>SearchValues&lt;string&gt;</c> work on chars. Widening each byte to
/// the char of the same value (vectorized by <see cref="Encoding.Latin1"/>) keeps offsets 1:1 with the bytes that
/// contents and evidence use, never fails on invalid UTF-8 (attack payloads often are), and is what PCRE without
/// UTF mode sees in Suricata.
/// <para>
/// Why values are copied once per buffer, not per slot: asking <see cref="IInspectionBuffers"/> for a value costs two
/// interface calls and a range lookup; a slot without transforms shares its buffer's copies, and a slot with
/// transforms reads its input from them.
/// </para>
/// <para>
/// Why identical values are shared: most transforms leave a benign value as it was (<c>url_decode</c> of a JSON body
/// without <c>%</c> or <c>+</c>, <c>html_decode</c> without <c>&amp;</c>), and <c>http.header.raw</c> is
/// <c>http.header</c> when there is no Cookie. Such a value points at the bytes it equals (its origin), so its chars
/// and classes are produced once for both. Equality is checked on the bytes after transforming, not predicted from
/// the transform, so it holds for any <see cref="BufferTransform"/>.
/// </para>
/// <para>
/// Why repeated values are marked: a JSON array of objects repeats its keys (<c>sku</c>, <c>qty</c>, <c>name</c> in
/// every item) and often its values, and a rule's program on a value depends on nothing but the value's bytes. A value
/// equal to an earlier value of the same slot (<see cref="ValueRef.RepeatOf"/>) is therefore neither prefiltered nor
/// evaluated: whatever it would mark or match, the earlier one marks or matches first. Values are compared with the
/// first <see cref="RepeatCandidates"/> distinct ones through a small hash table, so the check costs a probe or two per
/// value.
/// </para>
/// </remarks>
internal sealed class MatchScratch
{
    private const int BufferKinds = InspectionBufferKinds.Count;

    /// <summary>Distinct values of a buffer that later values are compared with (the table stays at most half full).</summary>
    public const int RepeatCandidates = 64;

    private const int RepeatTableBits = 7;

    private readonly InspectionSlot[] _slots;
    private readonly BufferTransform? _transform;
    private readonly bool _markRepeats;
    private readonly int[] _repeatTable = new int[1 << RepeatTableBits]; // value + 1, 0 for empty
    private readonly ulong[] _repeatKeys = new ulong[1 << RepeatTableBits];
    private readonly int[] _slotStamp;
    private readonly int[] _slotCharsStamp;
    private readonly int[] _slotFirst;
    private readonly int[] _slotCount;
    private readonly int[] _slotClassesStamp;
    private readonly ulong[] _slotClasses;
    private readonly int[] _bufferStamp = new int[BufferKinds];
    private readonly int[] _bufferFirst = new int[BufferKinds];
    private readonly int[] _bufferCount = new int[BufferKinds];
    private ValueRef[] _values = new ValueRef[64];
    private int[] _lengths = new int[64];
    private int _valueCount;
    private byte[] _bytes = new byte[4096];
    private int _bytesUsed;
    private char[] _chars = new char[4096];
    private int _charsUsed;
    private IInspectionBuffers? _buffers;
    private ulong[] _bodyBreaks = []; // BinaryBodyText's break mask, grown to the largest binary body seen
    private int _bodyTextSource = -1;
    private int _bodyTextStart;
    private int _bodyTextLength;

    public MatchScratch(InspectionSlot[] slots, BufferTransform? transform, bool markRepeats = true)
    {
        _slots = slots;
        _transform = transform;
        _markRepeats = markRepeats;
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
        _bodyTextSource = -1;
        _valueCount = 0;
        _bytesUsed = 0;
        _charsUsed = 0;
        if (++Generation == int.MaxValue)
        {
            Array.Clear(_slotStamp);
            Array.Clear(_slotCharsStamp);
            Array.Clear(_slotClassesStamp);
            Array.Clear(_bufferStamp);
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
            for (int v = first; v < first + _slotCount[s]; v++)
            {
                union |= Classify(v);
            }

            _slotClasses[s] = union;
            _slotClassesStamp[s] = Generation;
        }

        return _slotClasses[s];
    }

    /// <summary>
    /// The <see cref="CharClasses"/> of one value of <see cref="Values"/>, classifying the bytes it holds on first need
    /// (the value itself is marked classified when its slot's classes are asked for).
    /// </summary>
    public ulong ClassesOf(in ValueRef value) => value.Classified ? value.Classes : Classify(value.Origin);

    /// <summary>The <see cref="CharClasses"/> of one value; only valid after <see cref="SlotClasses"/>.</summary>
    public ulong Classes(InspectionSlot slot, int value) => _values[_slotFirst[slot.Index] + value].Classes;

    /// <summary>
    /// The values of <paramref name="slot"/> in order; only valid after <see cref="Prepare"/> of this slot, and until
    /// the next <see cref="Prepare"/> of another slot (which may grow the table). The per-value loops of the matcher read
    /// these directly: one lookup of the slot, not one per value and accessor.
    /// </summary>
    public ReadOnlySpan<ValueRef> Values(InspectionSlot slot) => new(_values, _slotFirst[slot.Index], _slotCount[slot.Index]);

    /// <summary>
    /// Of the slots in <paramref name="slots"/> selected by <paramref name="candidates"/> (bit s: slot s), those whose
    /// value <paramref name="value"/> is the same bytes as slot <paramref name="first"/>'s (they share one copy: an
    /// unchanged transform output or a twin's equal value), as a mask that holds <paramref name="first"/>. All must be
    /// prepared, with that many values.
    /// </summary>
    public int SameBytes(InspectionSlot[] slots, int first, int candidates, int value)
    {
        int origin = _values[_slotFirst[slots[first].Index] + value].Origin;
        int same = 0;
        for (int s = first; s < slots.Length; s++)
        {
            if ((candidates & (1 << s)) != 0 && _values[_slotFirst[slots[s].Index] + value].Origin == origin)
            {
                same |= 1 << s;
            }
        }

        return same;
    }

    /// <summary>The bytes of one value of <see cref="Values"/>.</summary>
    public ReadOnlySpan<byte> Bytes(in ValueRef value) => new(_bytes, value.ByteStart, value.ByteLength);

    /// <summary>The chars of one value of <see cref="Values"/>; only valid after <see cref="Prepare"/> with chars.</summary>
    public ReadOnlySpan<char> Chars(in ValueRef value) => new(_chars, value.CharStart, value.ByteLength);

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
        int b = (int)slot.Buffer;
        if (_bufferStamp[b] != Generation)
        {
            MaterializeBuffer(slot.Buffer);
        }

        int count = _bufferCount[b];
        int first = _bufferFirst[b];
        if (slot.Transforms.Length > 0)
        {
            int source = first;
            first = _valueCount;
            EnsureValues(first + count);
            for (int v = 0; v < count; v++)
            {
                int repeatOf = _values[source + v].RepeatOf;
                if (repeatOf >= 0)
                {
                    // the same bytes in, the same bytes out: share the transformed earlier value, without transforming
                    _values[first + v] = _values[first + repeatOf];
                    _values[first + v].RepeatOf = repeatOf;
                    continue;
                }

                _values[first + v] = Transform(slot, source + v, first + v);
            }

            _valueCount = first + count;
        }

        _slotFirst[slot.Index] = first;
        _slotCount[slot.Index] = count;
        _slotStamp[slot.Index] = Generation;
    }

    /// <summary>Copies every value of <paramref name="buffer"/> into the arena, or shares its twin's equal bytes.</summary>
    private void MaterializeBuffer(InspectionBuffer buffer)
    {
        IInspectionBuffers buffers = _buffers!;
        int count = buffers.Count(buffer);
        int first = _valueCount;
        EnsureValues(first + count);
        if (_lengths.Length < count)
        {
            _lengths = new int[Math.Max(count, _lengths.Length * 2)];
        }

        int total;
        if (count == 1)
        {
            // most buffers have one value: one Get is cheaper than the bulk copy's bookkeeping
            ReadOnlySpan<byte> value = buffers.Get(buffer, 0);
            total = _lengths[0] = value.Length;
            int start = Reserve(total); // before taking the span: reserving may move the arena
            value.CopyTo(_bytes.AsSpan(start));
            _bytesUsed = start;
        }
        else
        {
            total = count == 0 ? 0 : buffers.CopyValues(buffer, _bytes.AsSpan(_bytesUsed), _lengths);
            if (total > _bytes.Length - _bytesUsed)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _bytesUsed + total));
                total = buffers.CopyValues(buffer, _bytes.AsSpan(_bytesUsed), _lengths);
            }
        }

        int twin = TwinFirst(buffer, count);
        bool allShared = twin >= 0;
        for (int v = 0, start = _bytesUsed; v < count; v++)
        {
            int length = _lengths[v];
            bool equal = twin >= 0 && BytesAt(start, length).SequenceEqual(BytesAt(twin + v));
            _values[first + v] = equal ? Share(twin + v) : new ValueRef(start, length, first + v);
            allShared &= equal;
            start += length;
        }

        _bytesUsed += allShared ? 0 : total; // a buffer equal to its twin gives its copy back
        if (_markRepeats && count > 1)
        {
            MarkRepeats(first, count);
        }

        _valueCount = first + count;
        _bufferFirst[(int)buffer] = first;
        _bufferCount[(int)buffer] = count;
        _bufferStamp[(int)buffer] = Generation;
    }

    /// <summary>
    /// Marks each of the <paramref name="count"/> values from <paramref name="first"/> that equals an earlier one with
    /// that value's position, and makes it share that value's bytes. The earlier values are looked up in a small hash
    /// table of the first <see cref="RepeatCandidates"/> distinct ones (by length and first eight bytes, then the rest),
    /// so each value costs a probe or two however many there are.
    /// </summary>
    private void MarkRepeats(int first, int count)
    {
        Array.Clear(_repeatTable);
        int distinct = 0;
        for (int v = 0; v < count; v++)
        {
            ref ValueRef value = ref _values[first + v];
            ReadOnlySpan<byte> bytes = _bytes.AsSpan(value.ByteStart, value.ByteLength);
            ulong key = RepeatKey(bytes);
            int slot = (int)(((key ^ (ulong)bytes.Length) * 0x9E3779B97F4A7C15UL) >> (64 - RepeatTableBits));
            int repeatOf = -1;
            while (_repeatTable[slot] != 0)
            {
                int u = _repeatTable[slot] - 1;
                ref ValueRef earlier = ref _values[first + u];
                if (_repeatKeys[slot] == key && earlier.ByteLength == bytes.Length
                    && (bytes.Length <= sizeof(ulong) || bytes.SequenceEqual(_bytes.AsSpan(earlier.ByteStart, earlier.ByteLength))))
                {
                    repeatOf = u;
                    break;
                }

                slot = (slot + 1) & ((1 << RepeatTableBits) - 1);
            }

            if (repeatOf >= 0)
            {
                value = Share(first + repeatOf);
            }
            else if (distinct < RepeatCandidates)
            {
                _repeatTable[slot] = v + 1;
                _repeatKeys[slot] = key;
                distinct++;
            }

            value.RepeatOf = repeatOf; // also over a twin's mark that Share copied: a twin's repeats are its own
        }
    }

    /// <summary>The first (up to) eight bytes of a value in one word: with the length, all of a short value.</summary>
    private static ulong RepeatKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= sizeof(ulong))
        {
            return MemoryMarshal.Read<ulong>(bytes);
        }

        ulong key = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            key |= (ulong)bytes[i] << (8 * i);
        }

        return key;
    }

    /// <summary>
    /// The first value of the buffer that usually holds the same bytes as <paramref name="buffer"/> (the raw and the
    /// normalized form of the same thing), when it is already materialized with <paramref name="count"/> values; else -1.
    /// </summary>
    private int TwinFirst(InspectionBuffer buffer, int count)
    {
        InspectionBuffer twin = buffer switch
        {
            InspectionBuffer.HttpHeader => InspectionBuffer.HttpHeaderRaw,
            InspectionBuffer.HttpHeaderRaw => InspectionBuffer.HttpHeader,
            InspectionBuffer.HttpUri => InspectionBuffer.HttpUriRaw,
            InspectionBuffer.HttpUriRaw => InspectionBuffer.HttpUri,
            _ => buffer,
        };

        int t = (int)twin;
        return twin != buffer && _bufferStamp[t] == Generation && _bufferCount[t] == count ? _bufferFirst[t] : -1;
    }

    /// <summary>A value whose bytes are those of value <paramref name="index"/>: it shares their chars and classes.</summary>
    private ValueRef Share(int index) => _values[index];

    private ValueRef Transform(InspectionSlot slot, int source, int index)
    {
        // Each transform writes into fresh arena space of input + 1 bytes (enough for every transform); spans are taken
        // after reserving, because reserving may move the arena.
        int mark = _bytesUsed;
        int sourceStart = _values[source].ByteStart, sourceLength = _values[source].ByteLength;
        int inputStart = sourceStart, inputLength = sourceLength;
        if (slot.Buffer == InspectionBuffer.HttpRequestBody)
        {
            // A rule reading a binary body as text reads its runs of text (BinaryBodyText says why).
            (inputStart, inputLength) = BodyText(source);
            mark = _bytesUsed;
        }

        foreach (TransformOption transform in slot.Transforms)
        {
            int outputStart = Reserve(inputLength + 1);
            ReadOnlySpan<byte> input = _bytes.AsSpan(inputStart, inputLength);
            int written = _transform!(transform, input, _bytes.AsSpan(outputStart, inputLength + 1));
            if (written < 0)
            {
                _bytesUsed = outputStart; // unchanged: the next transform reads the same input
                continue;
            }

            written = Math.Min(written, inputLength + 1);
            _bytesUsed = outputStart + written;
            inputStart = outputStart;
            inputLength = written;
        }

        if (inputLength == sourceLength && BytesAt(inputStart, inputLength).SequenceEqual(BytesAt(sourceStart, sourceLength)))
        {
            _bytesUsed = mark; // the transforms changed nothing: give their output back and share the source
            return Share(source);
        }

        return new ValueRef(inputStart, inputLength, index);
    }

    /// <summary>
    /// The body value <paramref name="source"/> as the transformed body slots read it: itself, or its runs of text when
    /// it is binary, worked out once per request for all of them (a body has three such slots in the shipped rules).
    /// </summary>
    private (int Start, int Length) BodyText(int source)
    {
        if (_bodyTextSource != source)
        {
            ref ValueRef value = ref _values[source];
            (_bodyTextStart, _bodyTextLength) = (value.ByteStart, value.ByteLength);
            if (BinaryBodyText.IsBinary(BytesAt(value.ByteStart, value.ByteLength)))
            {
                int textStart = Reserve(_bodyTextLength + 1); // before taking spans: reserving may move the arena
                int words = BinaryBodyText.BreakWords(_bodyTextLength);
                if (_bodyBreaks.Length < words)
                {
                    _bodyBreaks = new ulong[Math.Max(words, _bodyBreaks.Length * 2)];
                }

                int written = BinaryBodyText.Extract(_bytes.AsSpan(_bodyTextStart, _bodyTextLength), _bytes.AsSpan(textStart, _bodyTextLength + 1), _bodyBreaks);
                _bytesUsed = textStart + written;
                (_bodyTextStart, _bodyTextLength) = (textStart, written);
            }

            _bodyTextSource = source;
        }

        return (_bodyTextStart, _bodyTextLength);
    }

    /// <summary>The classes of value <paramref name="index"/>, computed once for it and every value sharing its bytes.</summary>
    private ulong Classify(int index)
    {
        ref ValueRef value = ref _values[index];
        if (!value.Classified)
        {
            ref ValueRef origin = ref _values[value.Origin];
            if (!origin.Classified)
            {
                origin.Classes = CharClasses.Of(BytesAt(origin.ByteStart, origin.ByteLength));
                origin.Classified = true;
            }

            value.Classes = origin.Classes;
            value.Classified = true;
        }

        return value.Classes;
    }

    private void Widen(InspectionSlot slot)
    {
        int first = _slotFirst[slot.Index];
        for (int v = first; v < first + _slotCount[slot.Index]; v++)
        {
            ref ValueRef value = ref _values[v];
            if (value.CharStart >= 0)
            {
                continue;
            }

            ref ValueRef origin = ref _values[value.Origin];
            if (origin.CharStart < 0)
            {
                int length = origin.ByteLength;
                if (_charsUsed + length > _chars.Length)
                {
                    Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charsUsed + length));
                }

                origin.CharStart = _charsUsed;
                _charsUsed += Encoding.Latin1.GetChars(BytesAt(origin.ByteStart, length), _chars.AsSpan(_charsUsed));
            }

            value.CharStart = origin.CharStart;
        }

        _slotCharsStamp[slot.Index] = Generation;
    }

    private ReadOnlySpan<byte> BytesAt(int index) => BytesAt(_values[index].ByteStart, _values[index].ByteLength);

    private ReadOnlySpan<byte> BytesAt(int start, int length) => _bytes.AsSpan(start, length);

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

    /// <summary>
    /// One value: its bytes, its chars once widened (-1 before), its classes once classified, and the value whose bytes
    /// it holds (itself, or the equal value it shares them with).
    /// </summary>
    internal struct ValueRef(int byteStart, int byteLength, int origin)
    {
        public int ByteStart = byteStart;
        public int ByteLength = byteLength;
        public int CharStart = -1;
        public int Origin = origin;
        public ulong Classes;

        /// <summary>The position in its slot of the earlier value with the same bytes, or -1 (see the class remarks).</summary>
        public int RepeatOf = -1;
        public bool Classified;

        /// <summary>True when an earlier value of the slot has the same bytes: nothing about this one needs checking.</summary>
        public readonly bool IsRepeat => RepeatOf >= 0;
    }
}
