using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Policy.Baseline;
using EastWestIds.Signatures.Compilation;

namespace EastWestIds.Engine.Tests.Inspection;

/// <summary>
/// The canned requests <c>ewids proxy --mode enforce</c> inspects before it reports ready: each one frames and goes
/// through every stage (the attacks through the alert path too), and none leaves a trace in what the real pipeline keeps.
/// </summary>
public sealed class InspectionWarmUpTests
{
    private const string AttackRules =
        """
        alert http any any -> any any (msg:"union select"; http.arg; content:"union"; nocase; content:"select"; nocase; distance:1; classtype:web-application-attack; sid:9408001;)
        alert http any any -> any any (msg:"script tag"; http.arg; content:"<script"; nocase; classtype:web-application-attack; sid:9409001;)
        """;

    private static SignatureSetHolder Rules(string text)
    {
        SignatureCompileResult compiled = SignatureSetLoader.LoadTexts([("test.rules", text)]);
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Errors));
        return new SignatureSetHolder(compiled.Set!);
    }

    [Theory]
    [InlineData(IngestKind.Inline)]
    [InlineData(IngestKind.Mirror)]
    public void EveryCannedRequestIsInspected_OnlyTheTwoAttacksRaiseFindings(IngestKind ingest)
    {
        // Exactly one finding per attack and round: the benign requests come from a trusted caller and raise nothing,
        // and each attack (SQL in the query, script in a JSON body) reaches the signature stage decoded.
        var result = InspectionWarmUp.Run(new InspectionOptions(), Rules(AttackRules), ingest, rounds: 3);

        Assert.Equal(new InspectionWarmUpResult(Inspected: 18, Findings: 6), result);
    }

    [Fact]
    public void WithoutSignatures_TheCannedRequestsRaiseNothing()
    {
        var result = InspectionWarmUp.Run(new InspectionOptions(), signatures: null, IngestKind.Inline, rounds: 2);

        Assert.Equal(new InspectionWarmUpResult(Inspected: 12, Findings: 0), result);
    }

    [Fact]
    public void GivenWorkerStates_EachRoundRunsOnTheNext()
    {
        // The proxy hands in the worker states it will inspect real requests with, so that their matchers are built
        // before traffic. The last canned request is the script attack: a state that ran a round holds its finding.
        var rules = Rules(AttackRules);
        var pipeline = new InspectionPipeline(new InspectionOptions(), DiscardAlertWriter.Instance, new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()), rules);
        var states = new[] { pipeline.CreateWorkerState(), pipeline.CreateWorkerState(), pipeline.CreateWorkerState() };

        var result = InspectionWarmUp.Run(new InspectionOptions(), rules, IngestKind.Inline, rounds: 2, states);

        Assert.Equal(12, result.Inspected);
        Assert.Equal([1, 1, 0], states.Select(s => s.Context.Findings.Count));
    }

    [Fact]
    public void TheBaseline_LearnsNothingFromCannedRequests()
    {
        var learner = new BaselineLearner(100, learning: true);

        InspectionWarmUp.Run(new InspectionOptions { Baseline = learner }, Rules(AttackRules), IngestKind.Inline, rounds: 2);

        Assert.Empty(learner.Snapshot());
    }

    [Fact]
    public void Cancelled_StopsBeforeTheNextRound()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var result = InspectionWarmUp.Run(new InspectionOptions(), signatures: null, IngestKind.Inline, rounds: 100, cancellationToken: cancelled.Token);

        Assert.Equal(0, result.Inspected);
    }
}
