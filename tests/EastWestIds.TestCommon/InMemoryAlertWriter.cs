using System.Text;
using System.Text.Json;
using EastWestIds.Engine.Alerts;

namespace EastWestIds.TestCommon;

/// <summary>Collects EVE lines in memory, parsed, and lets a test wait for the ones it expects.</summary>
public sealed class InMemoryAlertWriter : IAlertWriter
{
    private readonly Lock _gate = new();
    private readonly List<JsonElement> _records = [];
    private readonly List<string> _lines = [];

    public IReadOnlyList<JsonElement> Records
    {
        get
        {
            lock (_gate)
            {
                return _records.ToArray();
            }
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return _lines.ToArray();
            }
        }
    }

    public void Write(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line);
        if (!text.EndsWith('\n'))
        {
            throw new InvalidOperationException("an EVE line must end with a newline");
        }

        var record = JsonDocument.Parse(text).RootElement.Clone();
        lock (_gate)
        {
            _lines.Add(text);
            _records.Add(record);
        }
    }

    public void Flush()
    {
    }

    /// <summary>Records of one <c>event_type</c>.</summary>
    public IReadOnlyList<JsonElement> OfType(string eventType)
        => Records.Where(r => r.GetProperty("event_type").GetString() == eventType).ToArray();

    /// <summary>Alerts with this signature id.</summary>
    public IReadOnlyList<JsonElement> Alerts(int sid)
        => OfType("alert").Where(r => r.GetProperty("alert").GetProperty("signature_id").GetInt32() == sid).ToArray();

    /// <summary>Waits until <paramref name="condition"/> holds over the records, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(Func<IReadOnlyList<JsonElement>, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var records = Records;
            if (condition(records))
            {
                // Records only grow: a snapshot taken now holds everything the condition saw, even when the
                // condition looked at the writer itself rather than at its argument.
                return Records;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what ?? "EVE records"}; have {records.Count}:\n{string.Join("", Lines)}");
            }

            await Task.Delay(10);
        }
    }
}
