using EastWestIds.Fuzz;

// ewids-fuzz TARGET                 run TARGET under AFL++ (fuzz/run.sh starts it so, on an instrumented build)
// ewids-fuzz TARGET PATH...         run each file (of each folder) once: what failed and why; exit 1 if anything did
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: ewids-fuzz {string.Join('|', FuzzTargets.Names)} [FILE|DIR...]");
    return 2;
}

System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
if (args.Length == 1)
{
    // The target is built inside the callback: instrumented code that runs before SharpFuzz has mapped AFL's coverage
    // memory writes to a null map and the process dies (SharpFuzz issue 34), and loading the rules is such code.
    IFuzzTarget? fuzzed = null;
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        var target = fuzzed ??= FuzzTargets.Create(args[0], RepoRoot.Find());
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        target.Run(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    });
    return 0;
}

var replayed = FuzzTargets.Create(args[0], RepoRoot.Find());
int failed = 0, ran = 0;
// AFL++ writes a README.txt into crashes/ and hangs/: not an input.
foreach (var file in args.Skip(1).SelectMany<string, string>(p => Directory.Exists(p)
    ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "README.txt").Order(StringComparer.Ordinal)
    : [p]))
{
    ran++;
    try
    {
        replayed.Run(File.ReadAllBytes(file));
    }
    catch (Exception e)
    {
        failed++;
        Console.Error.WriteLine($"{file}: {e}");
    }
}

Console.Error.WriteLine($"{args[0]}: {ran} inputs, {failed} failed");
return failed == 0 ? 0 : 1;
