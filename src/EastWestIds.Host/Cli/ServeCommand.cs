using System.CommandLine;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.Hosting;
using EastWestIds.Host.Signatures;

namespace EastWestIds.Host.Cli;

/// <summary><c>ewids serve</c>: the mirror sink with its admin port.</summary>
internal static class ServeCommand
{
    /// <summary>Exit code for settings that do not validate.</summary>
    public const int InvalidSettings = 2;

    /// <summary>Exit code for a start-up failure (port taken, file not writable).</summary>
    public const int StartFailed = 1;

    public static Command Create()
    {
        var command = new Command("serve", "Receive mirrored traffic on the mirror port and write alerts as EVE JSON lines.");
        var options = SettingsCommandLine.AddOptions(command, ServeSettings.All);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, options, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, Dictionary<Setting, Option> options, CancellationToken cancellationToken)
    {
        var serveOptions = Read(parseResult, options, Console.Error);
        if (serveOptions is null)
        {
            return InvalidSettings;
        }

        SinkHost host;
        try
        {
            host = await SinkHost.StartAsync(serveOptions, cancellationToken: cancellationToken);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"ewids serve: cannot start: {ex.Message} (check {ServeSettings.MirrorPort.OptionName}, {ServeSettings.AdminPort.OptionName}, {ServeSettings.Eve.OptionName})");
            return StartFailed;
        }
        catch (SignatureLoadException ex)
        {
            foreach (var error in ex.Errors)
            {
                await Console.Error.WriteLineAsync($"ewids serve: {error}");
            }

            await Console.Error.WriteLineAsync($"ewids serve: not started: {ex.Errors.Count} signature error(s) (check {ServeSettings.Rules.OptionName})");
            return InvalidSettings;
        }
        catch (UnauthorizedAccessException ex)
        {
            await Console.Error.WriteLineAsync($"ewids serve: cannot start: {ex.Message}");
            return StartFailed;
        }
        catch (EastWestIds.Kubernetes.Cluster.ClusterApiException ex)
        {
            // --kubernetes: no usable kubeconfig or in-cluster configuration
            await Console.Error.WriteLineAsync($"ewids serve: not started: {ex.Message} (check {Kubernetes.KubernetesSettings.Kubeconfig.OptionName}, {Kubernetes.KubernetesSettings.Context.OptionName})");
            return InvalidSettings;
        }

        await using (host)
        {
            await Console.Error.WriteLineAsync($"ewids serve: mirror port {host.MirrorEndPoint.Port} (HTTP/1.1 and h2c){(host.GrpcEndPoint is { } grpc ? $", gRPC mirror port {grpc.Port}" : "")}, admin port {host.AdminEndPoint.Port} (/healthz /readyz /metrics{(host.Store is { } store ? $" /api, {store.Store.Kind} alert store" : "")}), EVE to {(serveOptions.EvePath == "-" ? "stdout" : serveOptions.EvePath)}");
            try
            {
                await host.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop in order below.
            }
        }

        return 0;
    }

    /// <summary>Resolves and validates every setting; prints all errors and returns null when any is wrong.</summary>
    internal static ServeOptions? Read(ParseResult parseResult, IReadOnlyDictionary<Setting, Option> options, TextWriter errors)
        => SettingsCommandLine.Read(parseResult, options, ServeSettings.All, ServeOptionsBinder.Bind, "serve", errors);
}
