using System.Text.Json.Serialization;

namespace EastWestIds.Host.Api;

/// <summary>Source-generated JSON for the admin API: camelCase, no reflection at run time for these types.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AlertListDto))]
[JsonSerializable(typeof(AlertDetailDto))]
[JsonSerializable(typeof(TriageRequestDto))]
[JsonSerializable(typeof(SuppressRequestDto))]
[JsonSerializable(typeof(IReadOnlyList<AuditDto>))]
[JsonSerializable(typeof(SuppressionDto))]
[JsonSerializable(typeof(IReadOnlyList<SuppressionDto>))]
[JsonSerializable(typeof(IReadOnlyList<EdgeDto>))]
[JsonSerializable(typeof(ProblemDto))]
[JsonSerializable(typeof(AlertIdEventDto))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
