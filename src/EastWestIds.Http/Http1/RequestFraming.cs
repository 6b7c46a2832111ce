namespace EastWestIds.Http.Http1;

/// <summary>What the head of a request says about its body and its connection, known once the head is parsed.</summary>
public readonly record struct RequestFraming(
    HttpVersion Version,
    BodyFraming Body,
    long ContentLength,
    bool KeepAlive,
    bool ExpectContinue);
