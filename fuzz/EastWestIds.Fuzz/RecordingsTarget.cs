using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Offline;

namespace EastWestIds.Fuzz;

/// <summary>
/// Any bytes as a recording <c>ewids scan</c> reads: the input's first byte picks JSON Lines, HAR or a raw HTTP/1.1
/// stream, the rest is the file. A bad record must be an input error that names the file and where (the command
/// counts it and exits 2), never an exception out of the reader; records open and close in pairs; every request
/// a reader frames goes through the whole pipeline with the shipped rules, as in a scan.
/// </summary>
internal sealed class RecordingsTarget(InspectionHarness harness) : IFuzzTarget
{
    private static readonly OfflineFormat[] Formats = [OfflineFormat.JsonLines, OfflineFormat.Har, OfflineFormat.Raw];

    public string Name => "recordings";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var reader = OfflineFormats.CreateReader(Formats[input[0] % Formats.Length], new OfflineReaderOptions());
        var sink = new CheckingSink(harness);
        using var stream = new MemoryStream(input[1..].ToArray(), writable: false);
        reader.ReadAsync(stream, "fuzz.input", sink).GetAwaiter().GetResult();
        if (sink.InRecord)
        {
            throw new FuzzInvariantException("the reader ended inside a record (BeginRecord without EndRecord)");
        }
    }

    private sealed class CheckingSink(InspectionHarness harness) : IOfflineRequestSink
    {
        public bool InRecord { get; private set; }

        public void BeginRecord(in OfflineRecord record)
        {
            if (InRecord || record.File != "fuzz.input" || record.Ordinal < 1 || string.IsNullOrEmpty(record.Location))
            {
                throw new FuzzInvariantException($"a record began inside another, or without file, ordinal or location: {record}");
            }

            InRecord = true;
        }

        public void OnRequest(MirroredRequest request)
        {
            if (!InRecord)
            {
                throw new FuzzInvariantException("a request outside any record");
            }

            harness.Analyse(request, "offline");
        }

        public void EndRecord()
        {
            if (!InRecord)
            {
                throw new FuzzInvariantException("EndRecord without BeginRecord");
            }

            InRecord = false;
        }

        public void OnError(OfflineInputError error)
        {
            if (error.File != "fuzz.input" || string.IsNullOrWhiteSpace(error.Location) || string.IsNullOrWhiteSpace(error.Message))
            {
                throw new FuzzInvariantException($"an input error that does not say where or what: {error}");
            }
        }

        public void OnNotice(string message)
        {
        }
    }
}
