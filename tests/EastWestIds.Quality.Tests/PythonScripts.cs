using System.Diagnostics;

namespace EastWestIds.Quality.Tests;

/// <summary>Runs one of the repository's corpus generators (python3; test.sh installs it where missing).</summary>
internal static class PythonScripts
{
    /// <summary>Runs <paramref name="script"/> (a path in the repository) with <paramref name="arguments"/>; fails the test on a non-zero exit.</summary>
    public static void Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepositoryFiles.InRepository(script));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start python3");
        Task<string> errors = process.StandardError.ReadToEndAsync(); // both pipes drained, so neither can fill and block
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{script} failed ({process.ExitCode}): {errors.Result}");
    }
}
