using System.Globalization;

namespace EastWestIds.Kubernetes.Mesh;

/// <summary>An Istio control-plane version (major.minor; the patch does not change which fields exist).</summary>
public readonly record struct IstioVersion(int Major, int Minor) : IComparable<IstioVersion>
{
    /// <summary><c>mirrors</c> (a list of mirrors with their own percentages) came with istio/api 1.19.</summary>
    public static readonly IstioVersion FirstWithMirrors = new(1, 19);

    /// <summary><c>networking.istio.io/v1</c> is served from Istio 1.22 on; older releases serve v1beta1.</summary>
    public static readonly IstioVersion FirstWithNetworkingV1 = new(1, 22);

    /// <summary>Whether VirtualServices may use <c>mirrors</c>.</summary>
    public bool SupportsMirrors => CompareTo(FirstWithMirrors) >= 0;

    /// <inheritdoc/>
    public int CompareTo(IstioVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <inheritdoc/>
    public override string ToString() => $"{Major}.{Minor}";

    /// <summary>Parses <c>1.22</c>, <c>1.22.3</c>, <c>v1.22.3</c>, <c>1.22.3-distroless</c>.</summary>
    public static bool TryParse(string? text, out IstioVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Length > 0 && span[0] is 'v' or 'V')
        {
            span = span[1..];
        }

        var firstDot = span.IndexOf('.');
        if (firstDot <= 0 || !int.TryParse(span[..firstDot], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return false;
        }

        var rest = span[(firstDot + 1)..];
        var end = 0;
        while (end < rest.Length && char.IsAsciiDigit(rest[end]))
        {
            end++;
        }

        if (end == 0 || !int.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new IstioVersion(major, minor);
        return true;
    }

    /// <summary>The version in an image reference's tag: <c>docker.io/istio/pilot:1.22.3-distroless</c> → 1.22.</summary>
    public static bool TryParseImage(string? image, out IstioVersion version)
    {
        version = default;
        if (image is null)
        {
            return false;
        }

        var at = image.IndexOf('@');
        var withoutDigest = at >= 0 ? image[..at] : image;
        var colon = withoutDigest.LastIndexOf(':');
        return colon > withoutDigest.LastIndexOf('/') && TryParse(withoutDigest[(colon + 1)..], out version);
    }
}
