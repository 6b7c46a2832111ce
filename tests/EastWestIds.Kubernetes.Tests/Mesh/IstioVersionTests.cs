using EastWestIds.Kubernetes.Mesh;

namespace EastWestIds.Kubernetes.Tests.Mesh;

public sealed class IstioVersionTests
{
    [Theory]
    [InlineData("docker.io/istio/pilot:1.22.3", 1, 22)]
    [InlineData("gcr.io/istio-release/pilot:1.19.0-distroless", 1, 19)]
    [InlineData("registry:5000/istio/pilot:1.28.1@sha256:abc", 1, 28)]
    [InlineData("pilot:v1.18.2", 1, 18)]
    public void TryParseImage_TagVersion(string image, int major, int minor)
    {
        Assert.True(IstioVersion.TryParseImage(image, out var version));
        Assert.Equal(new IstioVersion(major, minor), version);
    }

    [Theory]
    [InlineData("docker.io/istio/pilot:latest")]
    [InlineData("registry:5000/istio/pilot")]
    [InlineData("docker.io/istio/pilot@sha256:abc")]
    [InlineData(null)]
    public void TryParseImage_NoVersion_IsFalse(string? image) => Assert.False(IstioVersion.TryParseImage(image, out _));

    [Theory]
    [InlineData("1.18", false)]
    [InlineData("1.19", true)]
    [InlineData("1.19.0", true)]
    [InlineData("2.0", true)]
    public void SupportsMirrors_From119(string text, bool expected)
    {
        Assert.True(IstioVersion.TryParse(text, out var version));
        Assert.Equal(expected, version.SupportsMirrors);
    }
}
