using EastWestIds.Storage.Tests.Crash;

namespace EastWestIds.Storage.Tests;

/// <summary>
/// The test assembly's entry point. The test runner never calls it; the SIGKILL test starts this assembly as a child
/// process (<c>dotnet EastWestIds.Storage.Tests.dll write-until-killed DB</c>) that writes alerts until it is killed.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["write-until-killed", var database])
        {
            await KillTarget.WriteUntilKilledAsync(database);
            return 0;
        }

        Console.Error.WriteLine("usage: EastWestIds.Storage.Tests write-until-killed DATABASE (run the tests with dotnet test)");
        return 2;
    }
}
