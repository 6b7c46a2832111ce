using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Tests.Prefilter;

public sealed class RuleMarksTests
{
    [Fact]
    public void SortMarked_gives_each_marked_rule_once_in_rule_order_and_a_new_request_starts_empty()
    {
        var random = new Random(7);
        var marks = new RuleMarks(1_000);
        for (int request = 0; request < 200; request++)
        {
            marks.Reset();
            var expected = new SortedSet<int>();
            for (int m = random.Next(0, 120); m > 0; m--)
            {
                int rule = random.Next(1_000);
                marks.Mark([rule], random.Next(80));
                expected.Add(rule);
            }

            Assert.Equal(expected, marks.SortMarked().ToArray());
        }
    }

    [Fact]
    public void A_rule_marked_in_several_values_keeps_them_all()
    {
        var marks = new RuleMarks(70);
        marks.Reset();
        marks.Mark([69], 3);
        marks.Mark([69, 0], 70); // values from 63 on share the last bit
        Assert.Equal([0, 69], marks.SortMarked().ToArray());
        Assert.True(RuleMarks.Contains(marks.Values(69), 3));
        Assert.True(RuleMarks.Contains(marks.Values(69), 100));
        Assert.False(RuleMarks.Contains(marks.Values(69), 4));
    }
}
