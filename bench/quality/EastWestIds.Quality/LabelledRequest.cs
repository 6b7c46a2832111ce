namespace EastWestIds.Quality;

/// <summary>What the corpus says about one request: its id, category and whether a detector should flag it.</summary>
/// <param name="Id">The request's id (the <c>id</c> field, or its 1-based line ordinal when absent).</param>
/// <param name="Category">The corpus category (<c>sqli</c>, <c>rce</c>, …) or <c>benign</c>.</param>
/// <param name="ExpectDetect">True for attacks, false for negatives and benign traffic.</param>
public sealed record LabelledRequest(string Id, string Category, bool ExpectDetect);
