namespace EastWestIds.Inventory.Yaml;

/// <summary>Why one object (or a whole file) could not be read.</summary>
/// <param name="File">The file.</param>
/// <param name="DocumentIndex">The 0-based YAML document in the file, or -1 when the file itself failed.</param>
/// <param name="ItemIndex">The 0-based item of a <c>kind: List</c>, or null.</param>
/// <param name="Message">What is wrong, naming the field.</param>
public sealed record InventoryReadError(string File, int DocumentIndex, int? ItemIndex, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        if (DocumentIndex < 0)
        {
            return $"{File}: {Message}";
        }

        return ItemIndex is { } item
            ? $"{File}: document {DocumentIndex}, item {item}: {Message}"
            : $"{File}: document {DocumentIndex}: {Message}";
    }
}
