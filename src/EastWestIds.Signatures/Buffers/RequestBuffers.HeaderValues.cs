namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>http.header_value</c>: the value of each header field a service may read as data, one value per field, as sent:
/// every field that <see cref="StandardHeaderFields"/> does not list. Why: east-west, headers are parameters. A
/// gateway passes the tenant and the user on as <c>x-tenant-id</c> and <c>x-user-id</c>, gRPC metadata is headers, and
/// services log and store <c>x-forwarded-for</c>; a compromised workload calling its neighbours controls all of them.
/// <c>http.header</c> has them only as one block of lines, where a detector reading one value sees its neighbours too.
/// The standard fields are left out: those with a buffer of their own, credentials, the mesh identity, and the fields
/// whose fixed syntax a tokenizer takes for code (<c>sec-ch-ua</c> alone was 83 false positives of the benign
/// corpus's 2,960 requests, <c>Prefer: odata.include-annotations="*"</c> one more).
/// </summary>
public sealed partial class RequestBuffers
{
    private void AddHeaderValues(SegmentList list)
    {
        EnsureHeaderTable();
        IRequestView r = Request;
        for (int i = 0; i < r.HeaderCount; i++)
        {
            if (_headerKinds[i] == HeaderKind.Custom && r.HeaderValue(i).Length is > 0 and int length)
            {
                list.Add(new Segment(SegmentSource.HeaderValue, i, length));
            }
        }
    }
}
