namespace EastWestIds.Storage.Sql;

/// <summary>
/// The schema step that adds <c>alerts.outcome</c> (<see cref="Model.AlertOutcome"/>): what the inline proxy did with
/// the request. Rows written before it read <c>none</c>, which is what they were (mirror alerts observe only).
/// Kept in its own file so its number is the only thing <see cref="Migrations.All"/> says about it.
/// </summary>
internal static class OutcomeMigration
{
    public static Migrations.Migration Step(int version) => new(
        version,
        "alerts.outcome: what the inline proxy did with the request",
        _ => ["ALTER TABLE alerts ADD COLUMN outcome TEXT NOT NULL DEFAULT 'none'"]);
}
