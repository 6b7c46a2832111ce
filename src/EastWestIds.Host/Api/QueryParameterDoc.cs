namespace EastWestIds.Host.Api;

/// <summary>What kind of value a documented query parameter takes.</summary>
internal enum QueryValue
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>An ISO 8601 time or Unix seconds (<see cref="AlertQuery.Time"/>).</summary>
    Time,

    /// <summary>Values from a closed set, comma-separated or repeated.</summary>
    List,
}

/// <summary>
/// A query parameter an endpoint reads itself from the query string (<see cref="AlertQuery"/>), described for the
/// OpenAPI document: minimal APIs describe only the parameters bound by a handler's signature, and ours are read by
/// hand so that a bad value gets a 400 naming what is accepted.
/// </summary>
internal sealed record QueryParameterDoc(string Name, QueryValue Value, string Description, IReadOnlyList<string>? Allowed = null);

/// <summary>Endpoint metadata: the query parameters the endpoint reads, for <see cref="AdminApi"/>'s OpenAPI document.</summary>
internal sealed record DocumentedQuery(IReadOnlyList<QueryParameterDoc> Parameters);
