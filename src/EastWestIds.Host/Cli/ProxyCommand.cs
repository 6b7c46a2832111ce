using System.CommandLine;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.Proxy;
using EastWestIds.Host.Signatures;

namespace EastWestIds.Host.Cli;

/// <summary><c>ewids proxy</c>: inline mode, the sink's inspection in front of a service, with YARP forwarding.</summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var command = new Command(
            "proxy",
            "Forward requests to a service (--upstream URL, or --yarp-config FILE) with YARP, inspecting each with the sink's pipeline: " +
            "--mode monitor alerts only; --mode enforce answers 403 to what it blocks.");
        var options = SettingsCommandLine.AddOptions(command, ProxySettings.All);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, options, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, Dictionary<Setting, Option> options, CancellationToken cancellationToken)
    {
        var proxyOptions = SettingsCommandLine.Read(parseResult, options, ProxySettings.All, ProxyOptionsBinder.Bind, "proxy", Console.Error);
        if (proxyOptions is null)
        {
            return ServeCommand.InvalidSettings;
        }

        ProxyHost host;
        try
        {
            host = await ProxyHost.StartAsync(proxyOptions, cancellationToken: cancellationToken);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"ewids proxy: cannot start: {ex.Message} (check {ProxySettings.Listen.OptionName}, {ServeSettings.AdminPort.OptionName}, {ServeSettings.Eve.OptionName})");
            return ServeCommand.StartFailed;
        }
        catch (SignatureLoadException ex)
        {
            foreach (var error in ex.Errors)
            {
                await Console.Error.WriteLineAsync($"ewids proxy: {error}");
            }

            await Console.Error.WriteLineAsync($"ewids proxy: not started: {ex.Errors.Count} signature error(s) (check {ServeSettings.Rules.OptionName})");
            return ServeCommand.InvalidSettings;
        }
        catch (EastWestIds.Kubernetes.Cluster.ClusterApiException ex)
        {
            // --kubernetes: no usable kubeconfig or in-cluster configuration
            await Console.Error.WriteLineAsync($"ewids proxy: not started: {ex.Message} (check {Kubernetes.KubernetesSettings.Kubeconfig.OptionName}, {Kubernetes.KubernetesSettings.Context.OptionName})");
            return ServeCommand.InvalidSettings;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or InvalidOperationException or InvalidDataException or FormatException)
        {
            // YARP refuses an invalid --yarp-config here, naming the route or cluster.
            await Console.Error.WriteLineAsync($"ewids proxy: cannot start: {ex.Message}");
            return ServeCommand.StartFailed;
        }

        await using (host)
        {
            var target = proxyOptions.Upstream?.ToString() ?? $"the routes of {proxyOptions.YarpConfigPath}";
            await Console.Error.WriteLineAsync(
                $"ewids proxy: {(proxyOptions.Mode == ProxyMode.Enforce ? "enforce" : "monitor")} mode, listening on {host.ListenEndPoint.Port}" +
                $"{(proxyOptions.ServerCertificate is null ? "" : proxyOptions.ClientCa is null ? " (TLS)" : " (mTLS)")}, forwarding to {target}, " +
                $"admin port {host.AdminEndPoint.Port} (/healthz /readyz /metrics{(host.Store is { } store ? $" /api, {store.Store.Kind} alert store" : "")}), EVE to {(proxyOptions.EvePath == "-" ? "stdout" : proxyOptions.EvePath)}");
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
}
