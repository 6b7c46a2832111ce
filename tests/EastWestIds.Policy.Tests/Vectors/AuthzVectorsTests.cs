using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;
using EastWestIds.TestCommon;

namespace EastWestIds.Policy.Tests.Vectors;

/// <summary>
/// Runs every vector of vectors/authz.json (Istio's own AuthorizationPolicy tests, MESH-SEMANTICS §3): one row per
/// vector id. The file comes from EWIDS_VECTORS_DIR, else ../shared/vectors; a missing file fails the theory.
/// </summary>
public class AuthzVectorsTests
{
    public static TheoryData<string> VectorIds()
    {
        var data = new TheoryData<string>();
        foreach (var vector in VectorFiles.Vectors(AuthzVector.File))
        {
            data.Add(vector.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Fact]
    public void File_HoldsAllVectors()
    {
        Assert.Equal(212, VectorFiles.Vectors(AuthzVector.File).Count());
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Vector_MatchesExpected(string id)
    {
        var vector = VectorFiles.Get(AuthzVector.File, id);
        switch (vector.GetProperty("kind").GetString())
        {
            case "decision":
                AssertDecision(id);
                break;
            case "td_alias_expansion":
                AssertExpansion(vector);
                break;
            default:
                Assert.Fail($"{id}: unknown vector kind");
                break;
        }
    }

    private static void AssertDecision(string id)
    {
        var vector = AuthzVector.Load(id);
        var set = new PolicyCompiler(vector.Mesh).Compile(vector.Policies);
        Assert.Equal(vector.Policies.Length, set.Policies.Length);
        var parts = vector.Request();
        var verdict = set.ForWorkload(vector.WorkloadNamespace, vector.WorkloadLabels).Evaluate(parts.ToRequest());

        string decision = verdict.Kind == VerdictKind.ExtAuthz ? "EXT_AUTHZ" : verdict.MeshAllows ? "ALLOW" : "DENY";
        Assert.True(vector.Expected.GetProperty("decision").GetString() == decision, $"{id}: expected {vector.Expected.GetProperty("decision").GetString()}, got {verdict}");

        if (vector.Expected.TryGetProperty("audit", out var audit))
        {
            Assert.Equal(audit.GetBoolean(), !verdict.Audit.IsEmpty);
        }

        if (vector.Expected.TryGetProperty("dryRun", out var dryRun))
        {
            if (dryRun.TryGetProperty("denyPolicies", out var deny))
            {
                Assert.Equal(deny.GetString(), Shadow(verdict.DryRunDeny));
            }

            if (dryRun.TryGetProperty("allowPolicies", out var allow))
            {
                Assert.Equal(allow.GetString(), Shadow(verdict.DryRunAllow));
            }

            Assert.Equal(VerdictKind.WouldDeny, verdict.Kind);
        }
    }

    private static void AssertExpansion(System.Text.Json.JsonElement vector)
    {
        var bundle = new TrustDomainBundle(
            vector.GetProperty("trustDomain").GetString()!,
            vector.GetProperty("trustDomainAliases").EnumerateArray().Select(e => e.GetString()!));
        var expanded = bundle.ReplaceTrustDomainAliases(vector.GetProperty("principals").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(vector.GetProperty("expectedExpanded").EnumerateArray().Select(e => e.GetString()!), expanded);
    }

    private static string Shadow(ShadowResult result) => result switch
    {
        ShadowResult.Allowed => "allowed",
        ShadowResult.Denied => "denied",
        _ => "not-applicable",
    };
}
