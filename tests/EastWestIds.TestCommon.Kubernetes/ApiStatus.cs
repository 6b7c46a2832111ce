using System.Text.Json.Nodes;

namespace EastWestIds.TestCommon.Kubernetes;

/// <summary>The API server's <c>Status</c> objects, which KubernetesClient turns into HttpOperationException.</summary>
public static class ApiStatus
{
    public static JsonObject Failure(int code, string reason, string message, ApiResource? resource = null, string? name = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (resource is not null)
        {
            status["details"] = new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural };
        }

        return status;
    }

    public static JsonObject NotFound(ApiResource resource, string name) =>
        Failure(404, "NotFound", $"{Qualified(resource)} \"{name}\" not found", resource, name);

    public static JsonObject AlreadyExists(ApiResource resource, string name) =>
        Failure(409, "AlreadyExists", $"{Qualified(resource)} \"{name}\" already exists", resource, name);

    public static JsonObject Conflict(ApiResource resource, string name) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(resource)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", resource, name);

    public static JsonObject Success() => new() { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };

    private static string Qualified(ApiResource resource) => resource.Group.Length == 0 ? resource.Plural : $"{resource.Plural}.{resource.Group}";
}
