namespace EastWestIds.Host.Configuration;

/// <summary>
/// One named setting. It has one name everywhere: <c>--name</c> on the command line, <c>EWIDS_NAME</c> in the
/// environment, <c>name:</c> in the config file; the command line wins over the environment, which wins
/// over the file, which wins over the default.
/// </summary>
internal sealed record Setting(string Name, string Description, string? Default, string HelpName = "VALUE", bool IsList = false, bool IsFlag = false)
{
    public string OptionName => "--" + Name;

    public string EnvironmentVariable => "EWIDS_" + Name.ToUpperInvariant().Replace('-', '_');

    /// <summary>How error messages name the setting, so the operator finds it wherever it was set.</summary>
    public string DisplayName => $"{OptionName} ({EnvironmentVariable})";
}
