namespace EastWestIds.Policy.Suggestion;

/// <summary>
/// Turns a learned path template into a <c>paths</c> value Istio accepts and matches the way the template meant
/// (MESH-SEMANTICS §3.4): without operators an exact path; with <c>{*}</c>/<c>{**}</c> a path template (Istio ≥ 1.22)
/// or, for older meshes, a prefix. A path that Istio would read differently than written cannot be expressed and is
/// refused with the reason, never widened silently.
/// </summary>
public static class IstioPathForm
{
    /// <summary>The <c>paths</c> value for <paramref name="template"/>, or null with <paramref name="problem"/> set.</summary>
    public static string? From(string template, PathStyle style, out string? problem, out bool widened)
    {
        problem = null;
        widened = false;
        var hasOperator = template.Contains("{*}", StringComparison.Ordinal) || template.Contains("{**}", StringComparison.Ordinal);
        if (!hasOperator)
        {
            // Istio reads a trailing '*' as a prefix match and '{', '}' would be taken for a broken template.
            if (template.EndsWith('*') || template.Contains('{') || template.Contains('}'))
            {
                problem = $"path '{template}' cannot be written as an exact Istio path ('*' at its end or braces)";
                return null;
            }

            return template;
        }

        var segments = template.Split('/');
        var firstOperator = -1;
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment is "{*}" or "{**}")
            {
                firstOperator = firstOperator < 0 ? i : firstOperator;
                continue;
            }

            // Istio rewrites bare '*' and '**' segments to operators, and refuses braces or '*' inside a segment.
            if (segment.Contains('*') || segment.Contains('{') || segment.Contains('}'))
            {
                problem = $"path '{template}': segment '{segment}' cannot be written in an Istio path template";
                return null;
            }
        }

        if (style == PathStyle.Template)
        {
            return template;
        }

        widened = true;
        return string.Join('/', segments, 0, firstOperator) + "/*";
    }
}
