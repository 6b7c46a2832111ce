using EastWestIds.TestCommon;

namespace EastWestIds.Http.Tests.Support;

/// <summary>Corpus case names as theory data (strings, so each case is its own test in the runner).</summary>
public static class CorpusData
{
    public static TheoryData<string> Valid => Names(RequestCorpus.Valid);

    public static TheoryData<string> Invalid => Names(RequestCorpus.Invalid);

    public static TheoryData<string> Smuggling => Names(RequestCorpus.Smuggling);

    private static TheoryData<string> Names(IEnumerable<RequestCorpus.Case> cases)
    {
        var data = new TheoryData<string>();
        foreach (RequestCorpus.Case c in cases)
        {
            data.Add(c.Name);
        }

        return data;
    }
}
