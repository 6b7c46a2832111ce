using System.Text;
using System.Text.Json.Nodes;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>
/// GraphQL documents, as an <c>application/graphql</c> body or as the <c>query</c> of a JSON body: a well-formed
/// document's string values are the arguments, decoded and without quotes; anything else stays one value as sent.
/// </summary>
public class RequestBuffersGraphQlTests
{
    private static string[] GraphQlArgs(string document) =>
        Values(For(FakeRequestView.Post("/graphql", "application/graphql", Encoding.UTF8.GetBytes(document))), InspectionBuffer.HttpArg);

    private static RequestBuffers JsonPost(JsonObject body) =>
        For(FakeRequestView.Post("/graphql", "application/json", Encoding.UTF8.GetBytes(body.ToJsonString())));

    [Fact]
    public void Document_StringValuesAreTheArguments()
    {
        const string Document = """"
            # search the catalog
            query Search($first: Int = 20) {
              search(query: "drop earrings", first: $first, after: "", tags: ["men's", "sale"], filter: {price: {lt: 1.5e2}}) @include(if: true) {
                ...ProductFields
                nodes { id note(format: """a "block" string""") }
              }
            }
            fragment ProductFields on Product { id name }
            """";
        Assert.Equal(["drop earrings", "men's", "sale", "a \"block\" string"], GraphQlArgs(Document));
    }

    [Theory]
    [InlineData("{ search(q: \"\\u0027 OR 1=1--\") { id } }", "' OR 1=1--")]
    [InlineData("{ search(q: \"\\\"quoted\\\" \\\\ \\/ \\t\") { id } }", "\"quoted\" \\ / \t")]
    [InlineData("{ search(q: \"\\uD83D\\uDE00 \\u{1F600}\") { id } }", "😀 😀")]
    public void Escapes_Decoded(string document, string value)
    {
        Assert.Equal([value], Values(For(FakeRequestView.Post("/graphql", "application/graphql", Encoding.UTF8.GetBytes(document))), InspectionBuffer.HttpArg)
            .Select(v => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(v))));
    }

    [Theory]
    [InlineData("{ search(q: \"x\" OR 1=1--\") { id } }")] // a payload concatenated in, breaking out of its string
    [InlineData("query the database for every user")] // prose: no selection set
    [InlineData("query x union select password from users")]
    [InlineData("{ search(q: \"x\") { id }")] // unbalanced
    [InlineData("{ search(q: \"x\"] { id } }")] // mismatched
    [InlineData("{ search(q: \"bad \\q escape\") { id } }")]
    [InlineData("{ search(q: \"lone \\uD83D surrogate\") { id } }")]
    [InlineData("{ search(q: \"line\nbreak\") { id } }")]
    [InlineData("{ a(n: 01) }")] // a leading zero is no GraphQL number
    [InlineData("{ a; }")]
    public void NotADocument_OneValueAsSent(string text)
    {
        Assert.Equal([text], GraphQlArgs(text));
        Assert.False(GraphQlLexer.IsDocument(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("{ $(id) }")]
    [InlineData("{ a(q: \"x\") $(id) }")]
    [InlineData("{ a | b }")]
    [InlineData("{ a & b }")]
    public void ShellMadeOfGraphQlPunctuators_NoOperation_OneValue(string text)
    {
        // $ ( ) | & are GraphQL punctuators, so such text lexes; an operation never has them so, and it must not vanish
        // as structure.
        Assert.Equal([text], GraphQlArgs(text));
    }

    [Fact]
    public void Variables_StillADocument()
    {
        Assert.Equal(["x"], GraphQlArgs("query Q($first: Int = 20, $q: String!) { a(first: $first, q: $q, r: \"x\") { b } }"));
    }

    [Fact]
    public void NestingPastTheLimit_NotADocument()
    {
        string deep = "query { " + string.Concat(Enumerable.Repeat("a { ", 70)) + "b(q: \"x\")" + string.Concat(Enumerable.Repeat(" }", 71));
        Assert.Equal([deep], GraphQlArgs(deep));
    }

    [Fact]
    public void JsonQuery_ItsDocumentsStringsAreTheArguments_VariablesAsBefore()
    {
        RequestBuffers b = JsonPost(new JsonObject
        {
            ["operationName"] = "Search",
            ["query"] = "query Search($after: String) { search(query: \"union jack flag\", after: $after) { nodes { id } } }",
            ["variables"] = new JsonObject { ["after"] = "' OR 1=1--" },
        });
        Assert.Equal(["Search", "union jack flag", "' OR 1=1--"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["operationName", "query", "variables", "after"], Values(b, InspectionBuffer.HttpArgName));
    }

    [Theory]
    [InlineData("drop earrings")] // Elasticsearch's query_string, a search box
    [InlineData("query x union select password from users")]
    [InlineData("{ search(q: \"x\" OR 1=1--\") { id } }")]
    public void JsonQuery_NotADocument_AValueAsBefore(string query)
    {
        Assert.Equal([query], Values(JsonPost(new JsonObject { ["query"] = query }), InspectionBuffer.HttpArg));
    }

    [Fact]
    public void JsonQuery_OnlyTheStringRightAfterTheKey()
    {
        RequestBuffers b = JsonPost(new JsonObject
        {
            ["query"] = new JsonObject { ["match"] = new JsonObject { ["name"] = "{ a(q: \"x\") { b } }" } },
            ["q"] = "{ a(q: \"y\") { b } }",
        });
        Assert.Equal(["{ a(q: \"x\") { b } }", "{ a(q: \"y\") { b } }"], Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void QueryParameter_OfAGetOrAForm_ItsDocumentsStringsAreTheArguments()
    {
        string document = Uri.EscapeDataString("{ search(query: \"select a size\", first: 5) { id } }");
        RequestBuffers get = For(FakeRequestView.Get($"/graphql?query={document}&operationName=Search"));
        Assert.Equal(["select a size", "Search"], Values(get, InspectionBuffer.HttpArg));
        RequestBuffers form = For(FakeRequestView.Post("/graphql", "application/x-www-form-urlencoded", $"query={document.Replace("%20", "+", StringComparison.Ordinal)}"));
        Assert.Equal(["select a size"], Values(form, InspectionBuffer.HttpArg));

        // decoded once as the server decodes the URL, then each string until stable as every parameter is
        RequestBuffers encoded = For(FakeRequestView.Get("/graphql?query=" + Uri.EscapeDataString("{ a(q: \"%2527 OR 1=1--\", n: \"%0Aid\") { b } }")));
        Assert.Equal(["' OR 1=1--", "\nid"], Values(encoded, InspectionBuffer.HttpArg));
        RequestBuffers search = For(FakeRequestView.Get("/search?query=drop+earrings&q={a}"));
        Assert.Equal(["drop earrings", "{a}"], Values(search, InspectionBuffer.HttpArg));
    }
}
