using Microsoft.AspNetCore.Http;

namespace EastWestIds.Host.Api;

/// <summary>Small JSON problem bodies (application/problem+json) for every error the API returns.</summary>
internal static class ApiResults
{
    public static IResult Problem(int status, string title, string? detail = null)
        => Results.Json(new ProblemDto(status, title, detail), ApiJsonContext.Default.ProblemDto, "application/problem+json", status);

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, "Store unavailable", detail);

    public static IResult Unauthorized() => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Send Authorization: Bearer <admin token>.");
}
