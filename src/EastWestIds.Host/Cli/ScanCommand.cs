using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Offline;
using EastWestIds.Engine.Signatures;
using EastWestIds.Host.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Authorization;
using EastWestIds.Identity.Spiffe;
using EastWestIds.Signatures.Loading;
using Microsoft.Extensions.Logging.Abstractions;

namespace EastWestIds.Host.Cli;

/// <summary>
/// <c>ewids scan FILE…</c>: recorded requests (JSON Lines, raw HTTP/1.1, HAR) through the same
/// <see cref="InspectionPipeline"/> as the mirror port, synchronously: no queue, nothing shed, every request analysed.
/// </summary>
/// <remarks>
/// Exit codes: 0 nothing found, 1 something found, 2 bad input or usage (a missing or unreadable file, a malformed
/// record, a bad option). Input errors name file and line or entry; the scan goes on and the code becomes 2 at the end.
/// </remarks>
internal static class ScanCommand
{
    public const int NothingFound = 0;
    public const int Found = 1;
    public const int BadInput = 2;

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.ZeroOrMore, Description = "Recorded requests: .jsonl/.ndjson (JSON Lines), .har (HAR), anything else raw HTTP/1.1; - reads stdin." };
        var output = new Option<string>("--output", "-o") { Description = "Write to this file (replaced) instead of stdout.", HelpName = "FILE", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format") { Description = "Read every FILE as jsonl, raw or har instead of choosing by extension.", HelpName = "jsonl|raw|har", Arity = ArgumentArity.ZeroOrOne };
        var verdicts = new Option<bool>("--verdicts") { Description = "One line per input request instead of EVE: {\"id\": …, \"alerts\": [{\"sid\", \"category\", \"severity\"}…]}." };
        var trustDomain = new Option<string[]>("--trust-domain") { Description = "Trust domain whose workloads may call (repeat or comma-separate). [default: cluster.local]", HelpName = "DOMAIN", Arity = ArgumentArity.ZeroOrMore };
        var sinkIdentity = new Option<string>("--sink-identity") { Description = "The sink's own SPIFFE ID; XFCC By must equal it.", HelpName = "SPIFFE-ID", Arity = ArgumentArity.ZeroOrOne };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "The cluster's DNS domain. [default: cluster.local]", HelpName = "DOMAIN", Arity = ArgumentArity.ZeroOrOne };
        var eveHttp = new Option<bool>("--eve-http") { Description = "Also write an event_type \"http\" record for every analysed request." };
        var rules = new Option<string[]>("--rules") { Description = "Signature rule file or directory (repeatable). [default: the signatures/ directory next to the binary]", HelpName = "PATH", Arity = ArgumentArity.ZeroOrMore };
        var pcreTimeout = new Option<string>("--pcre-timeout") { Description = "Match timeout of a pcre that needs the backtracking engine. [default: 10ms]", HelpName = "DURATION", Arity = ArgumentArity.ZeroOrOne };
        var objects = new Option<string[]>("--objects") { Description = "Kubernetes YAML (file or directory; repeat) whose AuthorizationPolicies judge each request. [default: EWIDS_OBJECTS; none: no policy stage]", HelpName = "PATH", Arity = ArgumentArity.ZeroOrMore };
        var rootNamespace = new Option<string>("--root-namespace") { Description = "Istio's root namespace: its AuthorizationPolicies apply mesh-wide. [default: istio-system]", HelpName = "NAMESPACE", Arity = ArgumentArity.ZeroOrOne };
        var progress = new Option<string>("--progress-interval") { Description = "Seconds between progress lines on stderr; 0 turns them off. [default: 3]", HelpName = "SECONDS", Arity = ArgumentArity.ZeroOrOne };

        var command = new Command("scan", "Analyse recorded requests offline with the sink's inspection pipeline; EVE JSON out. Exit 0: nothing found, 1: something found, 2: bad input or usage.")
        {
            TreatUnmatchedTokensAsErrors = false, // usage errors exit 2 here, not System.CommandLine's 1
        };
        command.Arguments.Add(files);
        foreach (var option in new Option[] { output, format, verdicts, trustDomain, sinkIdentity, clusterDomain, eveHttp, rules, pcreTimeout, objects, rootNamespace, progress })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var errors = Console.Error;
            var problems = new List<string>();
            foreach (var token in parseResult.UnmatchedTokens)
            {
                problems.Add($"unknown option or argument '{token}'");
            }

            // Every option takes its value as text and is checked here, so that no usage error can end in
            // System.CommandLine's exit code 1, which means "something found" for this command.
            string? Value(Option option)
            {
                if (parseResult.GetResult(option) is not { Implicit: false } result)
                {
                    return null;
                }

                if (result.Tokens.Count == 0)
                {
                    problems.Add($"{option.Name}: needs a value");
                    return null;
                }

                return result.Tokens[^1].Value;
            }

            var paths = parseResult.GetValue(files) ?? [];
            if (paths.Length == 0)
            {
                problems.Add("no FILE given");
            }

            // An option this command does not know lands among the FILEs (they take any token); '-' is stdin, and a
            // file that really is named like an option is still read.
            foreach (var path in paths)
            {
                if (path.Length > 1 && path[0] == '-' && !File.Exists(path))
                {
                    problems.Add($"unknown option '{path}'");
                }
            }

            OfflineFormat? forced = null;
            if (Value(format) is { } formatText)
            {
                if (OfflineFormats.TryParse(formatText, out var parsed))
                {
                    forced = parsed;
                }
                else
                {
                    problems.Add($"--format: '{formatText}' is not jsonl, raw or har");
                }
            }

            var outputPath = Value(output);
            string[]? TrustDomains()
            {
                if (parseResult.GetResult(trustDomain) is not { Implicit: false } result)
                {
                    return null;
                }

                if (result.Tokens.Count == 0)
                {
                    problems.Add($"{trustDomain.Name}: needs a value");
                }

                return result.Tokens.Select(token => token.Value).ToArray();
            }

            var progressText = Value(progress);
            var progressSeconds = 3.0;
            if (progressText is not null
                && (!double.TryParse(progressText, NumberStyles.Float, CultureInfo.InvariantCulture, out progressSeconds) || progressSeconds < 0 || double.IsNaN(progressSeconds)))
            {
                problems.Add($"--progress-interval: '{progressText}' is not a number of seconds (0 or more)");
            }

            var timeout = TimeSpan.FromMilliseconds(10);
            if (Value(pcreTimeout) is { } timeoutText
                && (!Configuration.SettingsReader.TryParseDuration(timeoutText, out timeout) || timeout <= TimeSpan.Zero || timeout > TimeSpan.FromSeconds(10)))
            {
                problems.Add($"--pcre-timeout: '{timeoutText}' is not a duration from 1ms to 10s (e.g. 10ms)");
            }

            var rulePaths = parseResult.GetResult(rules) is { Implicit: false } rulesResult
                ? rulesResult.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray()
                : [];
            var inspection = BuildInspectionOptions(
                TrustDomains(), Value(sinkIdentity), Value(clusterDomain), parseResult.GetValue(eveHttp), problems);
            var objectPaths = parseResult.GetResult(objects) is { Implicit: false } objectsResult
                ? objectsResult.Tokens.Select(token => token.Value).ToArray()
                : Environment.GetEnvironmentVariable("EWIDS_OBJECTS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (objectPaths.Length > 0 && problems.Count == 0)
            {
                var policies = PolicyObjectsLoader.Load(objectPaths, Value(rootNamespace) ?? "istio-system", inspection.TrustDomains, inspection.ClusterDomain, problems.Add);
                if (policies is not null)
                {
                    foreach (var warning in PolicyObjectsLoader.Warnings(policies))
                    {
                        await errors.WriteLineAsync($"ewids scan: warning: {warning}");
                    }
                }

                inspection = inspection with { Policies = policies };
            }

            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await errors.WriteLineAsync($"ewids scan: {problem}");
                }

                await errors.WriteLineAsync("ewids scan: see 'ewids scan --help'.");
                return BadInput;
            }

            var settings = new ScanSettings(paths, forced, outputPath, parseResult.GetValue(verdicts), inspection)
            {
                Rules = RuleSources.From(rulePaths, timeout),
                ProgressInterval = progressSeconds == 0 ? null : TimeSpan.FromSeconds(progressSeconds),
            };
            return await RunAsync(settings, errors, cancellationToken);
        });
        return command;
    }

    /// <summary>What a scan needs once the command line is validated.</summary>
    internal sealed record ScanSettings(IReadOnlyList<string> Files, OfflineFormat? Format, string? Output, bool Verdicts, InspectionOptions Inspection)
    {
        /// <summary>How often a progress line goes to stderr; null for never.</summary>
        public TimeSpan? ProgressInterval { get; init; } = TimeSpan.FromSeconds(3);

        /// <summary>The signatures to match (default: the shipped directory; none when it is missing).</summary>
        public RuleSources Rules { get; init; } = RuleSources.From(null, TimeSpan.FromMilliseconds(10));
    }

    internal static InspectionOptions BuildInspectionOptions(string[]? trustDomains, string? sinkIdentity, string? clusterDomain, bool eveHttp, List<string> problems)
    {
        var domains = (trustDomains ?? [])
            .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (domains.Count == 0)
        {
            domains.Add("cluster.local");
        }

        foreach (var domain in domains)
        {
            if (!SpiffeIdParser.TryParse(System.Text.Encoding.UTF8.GetBytes($"spiffe://{domain}/x"), out _, out var error))
            {
                problems.Add($"--trust-domain: invalid trust domain '{domain}': {error}");
            }
        }

        if (sinkIdentity is not null
            && (!SpiffeIdParser.TryParse(System.Text.Encoding.UTF8.GetBytes(sinkIdentity), out var parts, out var idError) || !parts.IsLeafWorkloadId))
        {
            problems.Add($"--sink-identity: '{sinkIdentity}' is not a workload SPIFFE ID ({idError})");
        }

        return new InspectionOptions
        {
            TrustDomains = domains,
            SinkIdentity = sinkIdentity,
            ClusterDomain = string.IsNullOrWhiteSpace(clusterDomain) ? "cluster.local" : clusterDomain,
            EmitHttpRecords = eveHttp,
        };
    }

    internal static async Task<int> RunAsync(ScanSettings settings, TextWriter errors, CancellationToken cancellationToken)
    {
        var metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());
        var compiled = settings.Rules.Load();
        if (compiled.Set is not { } set)
        {
            foreach (var error in compiled.Errors)
            {
                await errors.WriteLineAsync($"ewids scan: {error}");
            }

            await errors.WriteLineAsync($"ewids scan: {compiled.Errors.Count} signature error(s); nothing scanned");
            return BadInput;
        }

        if (settings.Rules.DefaultMissing)
        {
            await errors.WriteLineAsync($"ewids scan: no signature directory at {settings.Rules.Paths[0]}: scanning without signatures (give --rules)");
        }

        if (compiled.Skipped.Count > 0)
        {
            await errors.WriteLineAsync($"ewids scan: skipped {compiled.Skipped.Count} rules EastWestIds cannot apply: {string.Join("; ", SkippedSignature.Summary(compiled.Skipped))}");
        }

        Stream outputStream;
        try
        {
            outputStream = settings.Output is null or "-"
                ? Console.OpenStandardOutput()
                : new FileStream(settings.Output, FileMode.Create, FileAccess.Write, FileShare.Read, 4096);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await errors.WriteLineAsync($"ewids scan: cannot write --output {settings.Output}: {ex.Message}");
            return BadInput;
        }

        using var writer = new StreamAlertWriter(outputStream, metrics, NullLogger.Instance);
        // With --verdicts the pipeline's own EVE lines are not wanted: the sink writes one verdict line per request.
        var pipeline = new InspectionPipeline(settings.Inspection, settings.Verdicts ? DiscardAlertWriter.Instance : writer, metrics, new SignatureSetHolder(set));
        var sink = new ScanSink(pipeline, settings.Verdicts ? writer : null, errors, settings.ProgressInterval);
        var readerOptions = new OfflineReaderOptions
        {
            MaxInspectedBodyBytes = settings.Inspection.MaxInspectedBodyBytes,
            MaxInspectedBodyTailBytes = settings.Inspection.MaxInspectedBodyTailBytes,
            MaxEvidenceBytes = settings.Inspection.MaxEvidenceBytes,
        };

        foreach (var file in settings.Files)
        {
            var format = settings.Format ?? OfflineFormats.FromPath(file);
            var reader = OfflineFormats.CreateReader(format, readerOptions);
            sink.CurrentFile = file;
            try
            {
                if (file == "-")
                {
                    await using var stdin = Console.OpenStandardInput();
                    await reader.ReadAsync(stdin, file, sink, cancellationToken);
                }
                else
                {
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                    await reader.ReadAsync(stream, file, sink, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await errors.WriteLineAsync("ewids scan: interrupted");
                sink.OnError(new OfflineInputError(file, "file", "scan interrupted"));
                break;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                sink.OnError(new OfflineInputError(file, "file", $"cannot read: {ex.Message}"));
            }
        }

        writer.Flush();
        sink.Summary();
        return sink.Errors > 0 ? BadInput : sink.Alerts > 0 ? Found : NothingFound;
    }

    /// <summary>Takes the readers' requests through the pipeline, one at a time on this thread.</summary>
    private sealed class ScanSink : IOfflineRequestSink
    {
        private readonly InspectionPipeline _pipeline;
        private readonly InspectionPipeline.WorkerState _state;
        private readonly IAlertWriter? _verdicts;
        private readonly TextWriter _errors;
        private readonly TimeSpan? _progressInterval;
        private readonly ArrayBufferWriter<byte> _line = new(512);
        private readonly Utf8JsonWriter _json;
        private readonly List<(int Sid, string Category, int Severity)> _recordAlerts = [];
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _lastProgress;
        private OfflineRecord _record;

        public ScanSink(InspectionPipeline pipeline, IAlertWriter? verdicts, TextWriter errors, TimeSpan? progressInterval)
        {
            _pipeline = pipeline;
            _state = pipeline.CreateWorkerState();
            _verdicts = verdicts;
            _errors = errors;
            _progressInterval = progressInterval;
            _json = new Utf8JsonWriter(_line);
            _lastProgress = _started;
        }

        public string CurrentFile { get; set; } = string.Empty;

        public long Records { get; private set; }

        public long Requests { get; private set; }

        public long Alerts { get; private set; }

        public long Errors { get; private set; }

        public void BeginRecord(in OfflineRecord record)
        {
            _record = record;
            _recordAlerts.Clear();
        }

        public void OnRequest(MirroredRequest request)
        {
            // A record is the offline flow: its alerts and its http record share one flow_id, as a live
            // connection's do, so an EVE consumer can join them; 1-based over every file of the scan.
            request.ConnectionId = Records + 1;
            _pipeline.Inspect(request, _state);
            Requests++;
            var findings = _state.Context.Findings;
            Alerts += findings.Count;
            if (_verdicts is not null)
            {
                for (var i = 0; i < findings.Count; i++)
                {
                    var signature = findings[i].Signature;
                    _recordAlerts.Add((signature.Sid, signature.Category, (int)signature.Severity));
                }
            }
        }

        public void EndRecord()
        {
            Records++;
            if (_verdicts is not null)
            {
                WriteVerdict();
            }

            if (_progressInterval is not { } interval)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(_lastProgress, now) >= interval)
            {
                _lastProgress = now;
                _errors.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"ewids scan: {CurrentFile}: {Records} records, {Requests} requests, {Alerts} alerts, {Errors} input errors so far ({Stopwatch.GetElapsedTime(_started, now).TotalSeconds:F0} s)"));
            }
        }

        public void OnError(OfflineInputError error)
        {
            Errors++;
            _errors.WriteLine($"ewids scan: {error}");
        }

        public void OnNotice(string message) => _errors.WriteLine($"ewids scan: {message}");

        public void Summary()
        {
            var elapsed = Stopwatch.GetElapsedTime(_started);
            _errors.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"ewids scan: {Records} records, {Requests} requests analysed, {Alerts} alerts, {Errors} input errors in {elapsed.TotalSeconds:F2} s"));
        }

        private void WriteVerdict()
        {
            _line.ResetWrittenCount();
            _json.Reset(_line);
            _json.WriteStartObject();
            if (_record.IdJson is { } id)
            {
                _json.WritePropertyName("id"u8);
                _json.WriteRawValue(id, skipInputValidation: true);
            }
            else
            {
                _json.WriteNumber("id"u8, _record.Ordinal);
            }

            _json.WriteStartArray("alerts"u8);
            foreach (var (sid, category, severity) in _recordAlerts)
            {
                _json.WriteStartObject();
                _json.WriteNumber("sid"u8, sid);
                _json.WriteString("category"u8, category);
                _json.WriteNumber("severity"u8, severity);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
            _json.WriteEndObject();
            _json.Flush();
            _line.Write("\n"u8);
            _verdicts!.Write(_line.WrittenSpan);
        }
    }
}
