using S = EastWestIds.Host.Configuration.ServeSettings;

namespace EastWestIds.Host.Configuration;

/// <summary>Turns resolved settings into <see cref="ServeOptions"/>, checking each and how they fit together.</summary>
internal static class ServeOptionsBinder
{
    public static ServeOptions Bind(SettingsReader settings)
    {
        var options = new ServeOptions
        {
            MirrorAddress = settings.Address(S.MirrorAddress),
            MirrorPort = settings.Port(S.MirrorPort),
            GrpcPort = settings.String(S.GrpcPort) is null ? null : settings.Port(S.GrpcPort),
            AdminAddress = settings.Address(S.AdminAddress),
            AdminPort = settings.Port(S.AdminPort),
            EvePath = settings.String(S.Eve) ?? "-",
            Limits = CommonOptionsBinder.Limits(settings),
            Inspection = CommonOptionsBinder.Inspection(settings) with { MaxInspectedBodyTailBytes = settings.Size(S.MaxBodyInspectTail, 0, 64 * 1024 * 1024) },
            HeaderTimeout = settings.Duration(S.HeaderTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            IdleTimeout = settings.Duration(S.IdleTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1)),
            AnalysisQueueCapacity = settings.Count(S.AnalysisQueue, 1, 1_000_000),
            AnalysisQueueMemoryBytes = settings.Size(S.AnalysisQueueMemory, 1024 * 1024, int.MaxValue),
            AnalysisWorkers = settings.Count(S.AnalysisWorkers, 1, 256),
            InlineScheduling = settings.Flag(S.InlineScheduling),
            LogLevel = CommonOptionsBinder.LogLevel(settings),
            Rules = CommonOptionsBinder.Rules(settings),
            Store = StoreOptionsBinder.Store(settings),
            Baseline = BaselineOptionsBinder.Bind(settings),
            Kubernetes = global::EastWestIds.Host.Kubernetes.KubernetesOptionsBinder.Bind(settings),
        };
        options = options with { AdminAuth = StoreOptionsBinder.AdminAuth(settings, options.AdminAddress) };

        if (options.MirrorPort != 0 && options.MirrorPort == options.AdminPort)
        {
            settings.AddError($"{S.MirrorPort.DisplayName} and {S.AdminPort.DisplayName} are both {options.MirrorPort}: they must differ");
        }

        if (options.GrpcPort is int grpc && grpc != 0 && (grpc == options.MirrorPort || grpc == options.AdminPort))
        {
            settings.AddError($"{S.GrpcPort.DisplayName} is {grpc}, already used by {(grpc == options.MirrorPort ? S.MirrorPort.DisplayName : S.AdminPort.DisplayName)}: they must differ");
        }

        return options;
    }
}
