namespace EastWestIds.Host.Configuration;

/// <summary>Where a setting's value came from, for error messages and the start-up log.</summary>
internal enum SettingOrigin
{
    Default,
    ConfigFile,
    Environment,
    CommandLine,
}
