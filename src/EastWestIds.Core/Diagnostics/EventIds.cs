using Microsoft.Extensions.Logging;

namespace EastWestIds.Core.Diagnostics;

/// <summary>Log event ids, one range per part: Http 100–199, Identity 200–299, Engine 300–399, Host 500–599.</summary>
public static class EventIds
{
    public static readonly EventId RequestRejected = new(100, nameof(RequestRejected));
    public static readonly EventId ConnectionTimedOut = new(101, nameof(ConnectionTimedOut));
    public static readonly EventId ConnectionFailed = new(102, nameof(ConnectionFailed));

    public static readonly EventId AnalysisShed = new(300, nameof(AnalysisShed));
    public static readonly EventId AnalysisFailed = new(301, nameof(AnalysisFailed));
    public static readonly EventId AlertWriteFailed = new(302, nameof(AlertWriteFailed));

    public static readonly EventId Listening = new(500, nameof(Listening));
    public static readonly EventId InvalidSetting = new(501, nameof(InvalidSetting));
}
