using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EastWestIds.Host.FunctionalTests.Infrastructure;

/// <summary>A TCP client that sends exact bytes and reads raw HTTP/1.1 responses: what a test needs to send bad input.</summary>
public sealed class RawHttpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly MemoryStream _received = new();

    private RawHttpClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<RawHttpClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return new RawHttpClient(socket);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Sends one byte at a time with a pause between, like a slow client.</summary>
    public async Task DripAsync(byte[] bytes, TimeSpan pause)
    {
        foreach (var b in bytes)
        {
            await _stream.WriteAsync(new[] { b });
            await Task.Delay(pause);
        }
    }

    /// <summary>Shuts down the sending side, as a client that is done.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads until <paramref name="count"/> complete responses (each with Content-Length: 0) arrived.</summary>
    public async Task<IReadOnlyList<string>> ReadResponsesAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        while (true)
        {
            var responses = Split(Encoding.Latin1.GetString(_received.ToArray()));
            if (responses.Count >= count)
            {
                return responses;
            }

            var read = await _stream.ReadAsync(buffer, cts.Token);
            if (read == 0)
            {
                return responses;
            }

            _received.Write(buffer, 0, read);
        }
    }

    /// <summary>Reads until the server closes the connection; returns everything it sent.</summary>
    public async Task<string> ReadToEndAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, cts.Token);
            }
            catch (IOException)
            {
                read = 0; // reset by peer counts as closed
            }

            if (read == 0)
            {
                return Encoding.Latin1.GetString(_received.ToArray());
            }

            _received.Write(buffer, 0, read);
        }
    }

    private static List<string> Split(string text)
    {
        var responses = new List<string>();
        var start = 0;
        while (true)
        {
            var end = text.IndexOf("\r\n\r\n", start, StringComparison.Ordinal);
            if (end < 0)
            {
                return responses;
            }

            responses.Add(text[start..(end + 4)]);
            start = end + 4;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _received.Dispose();
    }
}
