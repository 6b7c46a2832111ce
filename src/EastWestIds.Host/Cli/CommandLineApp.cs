using System.CommandLine;

namespace EastWestIds.Host.Cli;

/// <summary>The command tree of <c>ewids</c>. Later commands (scan, proxy, mirror, policy, rules) join here.</summary>
internal static class CommandLineApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "EastWestIds: an east-west intrusion detection system for Kubernetes service meshes. " +
            "It receives mirrored service-to-service HTTP traffic, works out who called whom from the mesh's mTLS identities, " +
            "and flags unauthorized calls and attack payloads as Suricata EVE alerts.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ScanCommand.Create());
        root.Subcommands.Add(MirrorCommand.Create());
        root.Subcommands.Add(ProxyCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(PolicyCommand.Create());
        return root;
    }
}
