using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Hosting;

/// <summary>Logging and shutdown settings every ewids web host (mirror sink, proxy, their admin ports) starts with.</summary>
internal static class HostLogging
{
    /// <summary>
    /// Logs to <paramref name="provider"/> when a test gives one, else one line per entry to stderr (stdout carries
    /// EVE lines); at <paramref name="level"/>, with the chattier frameworks named in <paramref name="quietCategories"/>
    /// held to warnings and above.
    /// </summary>
    public static void Configure(WebApplicationBuilder builder, LogLevel level, ILoggerProvider? provider, params string[] quietCategories)
    {
        builder.Logging.ClearProviders();
        if (provider is not null)
        {
            builder.Logging.AddProvider(provider);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Logging.SetMinimumLevel(level);
        foreach (var category in quietCategories)
        {
            builder.Logging.AddFilter(category, level < LogLevel.Warning ? LogLevel.Warning : level);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
    }
}
