namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// Where the next item of a MessagePack or CBOR document sits, as far as arguments care: a map key (a name) or a value.
/// Both formats are self-delimiting item by item (each head says how many bytes or items follow), so the reader stays
/// in step whatever the nesting and needs this only for the key/value role. Past <see cref="MaxTracked"/> open
/// containers the role is lost and every string counts as a value, so deep nesting hides nothing and costs nothing.
/// </summary>
internal ref struct DocumentNesting(Span<DocumentNesting.Frame> frames)
{
    /// <summary>Open containers whose roles are tracked (the frames the caller provides).</summary>
    public const int MaxTracked = 32;

    /// <summary>An open container: items left (-1 for CBOR's indefinite length), items taken, whether it is a map.</summary>
    public struct Frame
    {
        public long Left;
        public long Taken;
        public bool Map;
    }

    private readonly Span<Frame> _frames = frames;
    private int _depth;
    private bool _lost;

    /// <summary>Starts the next item: closes the containers it is past, counts it in its own; true when it is a map key.</summary>
    public bool NextIsKey()
    {
        while (_depth > 0 && _frames[_depth - 1].Left == 0)
        {
            _depth--;
        }

        if (_lost || _depth == 0)
        {
            return false;
        }

        ref Frame frame = ref _frames[_depth - 1];
        bool key = frame.Map && (frame.Taken & 1) == 0;
        frame.Taken++;
        if (frame.Left > 0)
        {
            frame.Left--;
        }

        return key;
    }

    /// <summary>
    /// Opens the container just read: <paramref name="items"/> items follow (a map's keys and values both count), -1
    /// when CBOR's break ends it.
    /// </summary>
    public void Open(long items, bool map)
    {
        if (items == 0 || _lost)
        {
            return;
        }

        if (_depth == _frames.Length)
        {
            _lost = true;
            return;
        }

        _frames[_depth++] = new Frame { Left = items, Taken = 0, Map = map };
    }

    /// <summary>CBOR's break: closes the innermost indefinite container. False when none is open (malformed).</summary>
    public bool Break()
    {
        while (_depth > 0 && _frames[_depth - 1].Left == 0)
        {
            _depth--;
        }

        if (_lost)
        {
            return true;
        }

        if (_depth == 0 || _frames[_depth - 1].Left != -1)
        {
            return false;
        }

        _depth--;
        return true;
    }
}
