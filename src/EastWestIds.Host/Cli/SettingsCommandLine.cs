using System.CommandLine;
using EastWestIds.Host.Configuration;

namespace EastWestIds.Host.Cli;

/// <summary>
/// Settings as command-line options, shared by the long-running commands (<c>serve</c>, <c>proxy</c>): one option per
/// <see cref="Setting"/>, then one resolution through <see cref="SettingsReader"/> (command line, environment, config
/// file, default) that prints every error at once.
/// </summary>
internal static class SettingsCommandLine
{
    public static Dictionary<Setting, Option> AddOptions(Command command, IReadOnlyList<Setting> settings)
    {
        var options = new Dictionary<Setting, Option>();
        foreach (var setting in settings)
        {
            Option option = setting switch
            {
                { IsFlag: true } => new Option<bool?>(setting.OptionName) { Arity = ArgumentArity.ZeroOrOne },
                { IsList: true } => new Option<string[]>(setting.OptionName) { AllowMultipleArgumentsPerToken = false },
                _ => new Option<string>(setting.OptionName),
            };
            option.Description = $"{setting.Description} [env {setting.EnvironmentVariable}]" + (setting.Default is null ? string.Empty : $" [default: {setting.Default}]");
            option.HelpName = setting.HelpName;
            options[setting] = option;
            command.Options.Add(option);
        }

        return options;
    }

    /// <summary>Resolves and binds every setting; prints all errors and returns null when any is wrong.</summary>
    public static T? Read<T>(
        ParseResult parseResult,
        IReadOnlyDictionary<Setting, Option> options,
        IReadOnlyList<Setting> all,
        Func<SettingsReader, T> bind,
        string commandName,
        TextWriter errors)
        where T : class
    {
        IReadOnlyList<string>? CommandLine(Setting setting)
        {
            var option = options[setting];
            if (parseResult.GetResult(option) is not { Implicit: false })
            {
                return null;
            }

            return option switch
            {
                Option<bool?> flag => [(parseResult.GetValue(flag) ?? true) ? "true" : "false"],
                Option<string[]> list => parseResult.GetValue(list) ?? [],
                Option<string> single => parseResult.GetValue(single) is { } value ? [value] : null,
                _ => null,
            };
        }

        var problems = new List<string>();
        var configPath = CommandLine(ServeSettings.Config)?[0] ?? Environment.GetEnvironmentVariable(ServeSettings.Config.EnvironmentVariable);
        var file = configPath is null ? new Dictionary<string, IReadOnlyList<string>>() : ConfigFile.Read(configPath, problems);
        var reader = new SettingsReader(CommandLine, Environment.GetEnvironmentVariable, file, all);
        var bound = bind(reader);
        problems.AddRange(reader.Errors);
        if (problems.Count == 0)
        {
            return bound;
        }

        foreach (var problem in problems)
        {
            errors.WriteLine($"ewids {commandName}: {problem}");
        }

        errors.WriteLine($"ewids {commandName}: not started; see 'ewids {commandName} --help'.");
        return null;
    }
}
