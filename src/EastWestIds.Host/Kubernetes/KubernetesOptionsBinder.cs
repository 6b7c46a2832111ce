using EastWestIds.Host.Configuration;
using K = EastWestIds.Host.Kubernetes.KubernetesSettings;
using S = EastWestIds.Host.Configuration.ServeSettings;

namespace EastWestIds.Host.Kubernetes;

/// <summary>
/// Binds <c>--kubernetes</c> and its companions. <c>--objects</c> and <c>--kubernetes</c> are refused together: both
/// are the whole inventory, and layering files over a live cluster would judge traffic against objects the cluster
/// does not have (or hide ones it has) with no way to tell which side a verdict came from.
/// </summary>
internal static class KubernetesOptionsBinder
{
    /// <summary>The options, or null when <c>--kubernetes</c> is off (every problem goes to <paramref name="settings"/>).</summary>
    public static KubernetesInventoryOptions? Bind(SettingsReader settings)
    {
        var kubeconfig = settings.String(K.Kubeconfig);
        var context = settings.String(K.Context);
        var ns = settings.String(K.Namespace);
        if (!settings.Flag(K.Kubernetes))
        {
            foreach (var (setting, value) in new[] { (K.Kubeconfig, kubeconfig), (K.Context, context), (K.Namespace, ns) })
            {
                if (value is not null)
                {
                    settings.AddError($"{setting.DisplayName} only applies with {K.Kubernetes.OptionName}: add {K.Kubernetes.OptionName} or leave it out");
                }
            }

            return null;
        }

        if (settings.List(S.Objects).Count > 0)
        {
            settings.AddError($"{S.Objects.DisplayName} and {K.Kubernetes.DisplayName} both give the inventory the policy stage judges by: use {S.Objects.OptionName} to judge offline from files, or {K.Kubernetes.OptionName} to follow the cluster, not both");
        }

        if (kubeconfig is not null && !File.Exists(kubeconfig))
        {
            settings.AddError($"{K.Kubeconfig.DisplayName}: no file at '{kubeconfig}'");
        }

        if (ns is not null && !IsDnsLabel(ns))
        {
            settings.AddError($"{K.Namespace.DisplayName}: '{ns}' is not a namespace name (lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit)");
        }

        return new KubernetesInventoryOptions(kubeconfig, context, ns);
    }

    /// <summary>
    /// Whether <c>--kubernetes</c> is on, without reporting a bad value (<see cref="Bind"/> reports it once); for the
    /// policy stage, which is bound before these options.
    /// </summary>
    public static bool IsOn(SettingsReader settings) =>
        settings.String(K.Kubernetes) is { } value && (bool.TryParse(value, out var on) ? on : value is "1" or "yes" or "on");

    /// <summary>RFC 1123 label, as Kubernetes requires of namespace names.</summary>
    private static bool IsDnsLabel(string name)
    {
        if (name.Length is 0 or > 63 || name[0] == '-' || name[^1] == '-')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
