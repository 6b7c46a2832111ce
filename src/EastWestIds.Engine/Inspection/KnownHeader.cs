namespace EastWestIds.Engine.Inspection;

/// <summary>Headers the engine reads by name, located once while the request is captured.</summary>
public enum KnownHeader : byte
{
    Host,
    XForwardedClientCert,
    UserAgent,
    XRequestId,
    XForwardedFor,
    ContentType,
    Traceparent,
    XB3TraceId,
    Referer,
}
