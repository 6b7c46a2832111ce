using EastWestIds.Signatures;

namespace EastWestIds.Host.Signatures;

/// <summary>The rules could not be loaded at start-up; every error, each naming file, line and sid.</summary>
internal sealed class SignatureLoadException(IReadOnlyList<SignatureLoadError> errors)
    : Exception($"{errors.Count} signature error(s); first: {errors.FirstOrDefault()}")
{
    public IReadOnlyList<SignatureLoadError> Errors { get; } = errors;
}
