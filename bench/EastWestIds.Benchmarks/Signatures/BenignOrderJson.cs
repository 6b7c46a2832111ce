using System.Text;

namespace EastWestIds.Benchmarks.Signatures;

/// <summary>
/// The benign JSON body of <see cref="MatcherBenchmark"/>'s benign-1k request: an order of shoes. bench/matcher-cost
/// links this file, so both harnesses count the same request.
/// </summary>
public static class BenignOrderJson
{
    /// <summary>An order of about <paramref name="length"/> characters.</summary>
    public static string Create(int length)
    {
        var json = new StringBuilder("{\"items\":[");
        int i = 0;
        while (json.Length < length - 60)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"sku\":\"SKU-").Append(1000 + i).Append("\",\"qty\":").Append(i % 3 + 1)
                .Append(",\"name\":\"Trail running shoe size ").Append(40 + i % 6).Append("\"}");
            i++;
        }

        return json.Append("],\"coupon\":null}").ToString();
    }
}
