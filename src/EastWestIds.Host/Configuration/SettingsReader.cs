using System.Globalization;
using System.Net;

namespace EastWestIds.Host.Configuration;

/// <summary>
/// Resolves settings from their layers and parses them into typed values, collecting every error (each
/// naming its setting) instead of stopping at the first, so one start-up attempt shows all mistakes.
/// </summary>
internal sealed class SettingsReader
{
    private readonly Func<Setting, IReadOnlyList<string>?> _commandLine;
    private readonly Func<string, string?> _environment;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _file;
    private readonly List<string> _errors = [];

    public SettingsReader(
        Func<Setting, IReadOnlyList<string>?> commandLine,
        Func<string, string?> environment,
        IReadOnlyDictionary<string, IReadOnlyList<string>> file,
        IReadOnlyCollection<Setting> known)
    {
        _commandLine = commandLine;
        _environment = environment;
        _file = file;
        foreach (var key in file.Keys)
        {
            if (!known.Any(s => s.Name == key))
            {
                _errors.Add($"config file: unknown setting '{key}'");
            }
        }
    }

    public IReadOnlyList<string> Errors => _errors;

    public void AddError(string error) => _errors.Add(error);

    /// <summary>An environment variable outside the settings table (a secret that must not be a command-line option).</summary>
    public string? EnvironmentValue(string name) => _environment(name);

    /// <summary>The raw values of a setting and where they came from.</summary>
    public (IReadOnlyList<string> Values, SettingOrigin Origin) Raw(Setting setting)
    {
        if (_commandLine(setting) is { Count: > 0 } cli)
        {
            return (cli, SettingOrigin.CommandLine);
        }

        if (_environment(setting.EnvironmentVariable) is { } env)
        {
            return (setting.IsList ? SplitList(env) : [env], SettingOrigin.Environment);
        }

        if (_file.TryGetValue(setting.Name, out var fromFile))
        {
            return (fromFile, SettingOrigin.ConfigFile);
        }

        return (setting.Default is null ? [] : setting.IsList ? SplitList(setting.Default) : [setting.Default], SettingOrigin.Default);
    }

    public string? String(Setting setting)
    {
        var (values, _) = Raw(setting);
        return values.Count == 0 ? null : values[^1];
    }

    public IReadOnlyList<string> List(Setting setting)
    {
        var (values, _) = Raw(setting);
        return values.SelectMany(SplitList).ToArray();
    }

    public bool Flag(Setting setting)
    {
        var value = String(setting);
        if (value is null)
        {
            return false;
        }

        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }

        return value switch
        {
            "1" or "yes" or "on" => true,
            "0" or "no" or "off" => false,
            _ => Fail<bool>(setting, value, "expected true or false"),
        };
    }

    public int Port(Setting setting, bool allowZero = true)
    {
        var value = String(setting);
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535 && (allowZero || port > 0))
        {
            return port;
        }

        return Fail<int>(setting, value, "expected a TCP port, 1-65535 (0 picks a free port)");
    }

    public IPAddress Address(Setting setting)
    {
        var value = String(setting);
        if (value is "*" or "any")
        {
            return IPAddress.IPv6Any;
        }

        if (value == "localhost")
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(value, out var address) ? address : Fail<IPAddress>(setting, value, "expected an IP address (0.0.0.0, ::, 127.0.0.1, *)") ?? IPAddress.Any;
    }

    public int Count(Setting setting, int min, int max)
    {
        var value = String(setting);
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= min && count <= max)
        {
            return count;
        }

        return Fail<int>(setting, value, $"expected a whole number from {min} to {max}");
    }

    /// <summary>A size in bytes: <c>65536</c>, <c>64k</c>/<c>64KiB</c>, <c>1m</c>/<c>1MiB</c>.</summary>
    public int Size(Setting setting, int min, int max)
    {
        var value = String(setting);
        if (TryParseSize(value, out var size) && size >= min && size <= max)
        {
            return (int)size;
        }

        return Fail<int>(setting, value, $"expected a size from {min} to {max} bytes (e.g. 8192, 64KiB, 1MiB)");
    }

    /// <summary>A duration: <c>30s</c>, <c>500ms</c>, <c>2m</c>, or plain seconds.</summary>
    public TimeSpan Duration(Setting setting, TimeSpan min, TimeSpan max)
    {
        var value = String(setting);
        if (TryParseDuration(value, out var duration) && duration >= min && duration <= max)
        {
            return duration;
        }

        return Fail<TimeSpan>(setting, value, $"expected a duration from {Format(min)} to {Format(max)} (e.g. 500ms, 30s, 2m)");
    }

    private T Fail<T>(Setting setting, string? value, string expected)
    {
        var (_, origin) = Raw(setting);
        var from = origin switch
        {
            SettingOrigin.CommandLine => "on the command line",
            SettingOrigin.Environment => "in the environment",
            SettingOrigin.ConfigFile => "in the config file",
            _ => "by default",
        };
        _errors.Add($"{setting.DisplayName}: invalid value '{value}' {from}: {expected}");
        return default!;
    }

    internal static bool TryParseSize(string? text, out long size)
    {
        size = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.Trim().AsSpan();
        var digits = span.IndexOfAnyExceptInRange('0', '9');
        var number = digits < 0 ? span : span[..digits];
        var unit = digits < 0 ? ReadOnlySpan<char>.Empty : span[digits..].Trim();
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
            return false;
        }

        long multiplier = unit.ToString().ToLowerInvariant() switch
        {
            "" or "b" => 1,
            "k" or "kb" or "kib" => 1024,
            "m" or "mb" or "mib" => 1024 * 1024,
            _ => 0,
        };
        size *= multiplier;
        return multiplier > 0 && size <= int.MaxValue;
    }

    internal static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.Trim().AsSpan();
        var digits = span.IndexOfAnyExcept("0123456789.");
        var number = digits < 0 ? span : span[..digits];
        var unit = digits < 0 ? "s" : span[digits..].Trim().ToString();
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        double? seconds = unit switch
        {
            "ms" => amount / 1000,
            "s" => amount,
            "m" => amount * 60,
            "h" => amount * 3600,
            _ => null,
        };
        if (seconds is null)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds.Value);
        return true;
    }

    private static string Format(TimeSpan span) => span.TotalSeconds < 1 ? $"{span.TotalMilliseconds}ms" : $"{span.TotalSeconds}s";

    private static IReadOnlyList<string> SplitList(string value)
        => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
