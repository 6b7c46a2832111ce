namespace EastWestIds.TestCommon;

public static partial class RequestCorpus
{
    /// <summary>One named input of the corpus.</summary>
    /// <param name="Name">Stable name, usable as theory data (<see cref="Find"/> looks it up).</param>
    /// <param name="Description">What the bytes are and why they matter.</param>
    /// <param name="Bytes">The raw bytes on the wire. Shared: do not modify.</param>
    /// <param name="RequestCount">How many whole requests a parser must frame before the end (or before the rejection).</param>
    /// <param name="Rejection">
    /// For invalid inputs, the name of the <c>EastWestIds.Http.Http1.RequestRejectionReason</c> member the parser
    /// must report (a string so this project stays free of the Http project); <c>null</c> for valid inputs.
    /// </param>
    public sealed record Case(string Name, string Description, byte[] Bytes, int RequestCount, string? Rejection)
    {
        /// <summary>The name, so test runners show something readable.</summary>
        public override string ToString() => Name;
    }
}
