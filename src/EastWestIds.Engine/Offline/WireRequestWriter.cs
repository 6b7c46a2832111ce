using System.Buffers;
using System.Text;

namespace EastWestIds.Engine.Offline;

/// <summary>
/// Turns a recorded request back into the bytes a client sends (corpus README, "Wire format"): request line,
/// every header as <c>name: value</c> in order, an empty line, the body. Nothing is added or normalised here;
/// callers add only what their format leaves implicit (HAR's Host and Content-Length).
/// </summary>
internal sealed class WireRequestWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;

    public void Clear() => _buffer.ResetWrittenCount();

    public void StartLine(string method, string target, string version)
    {
        Text(method);
        Bytes(" "u8);
        Text(target);
        Bytes(" "u8);
        Text(version);
        Bytes("\r\n"u8);
    }

    public void Header(string name, string value)
    {
        Text(name);
        Bytes(": "u8);
        Text(value);
        Bytes("\r\n"u8);
    }

    public void EndHead() => Bytes("\r\n"u8);

    public void Bytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void Text(string text)
    {
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
