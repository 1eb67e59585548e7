using Chat.Domain.CannedResponses;

namespace Chat.Tests.CannedResponses;

public sealed class PlaceholderTests
{
    private static readonly PlaceholderValues Values = new(
        new Dictionary<string, string?> { ["name"] = "Ada", ["email"] = null, ["plan"] = "" }, "Sam", "Acme Bikes");

    [Theory]
    [InlineData("Hi {{visitor.name}}", "Hi Ada")]
    [InlineData("Hi {{ VISITOR.Name }}", "Hi Ada")]
    [InlineData("{{agent.name}} from {{workspace.name}}", "Sam from Acme Bikes")]
    [InlineData("Mail: {{visitor.email}}", "Mail: {{visitor.email}}")]
    [InlineData("Plan: {{visitor.plan}}", "Plan: {{visitor.plan}}")]
    [InlineData("{{unknown.thing}} and {{visitor}} and {visitor.name}", "{{unknown.thing}} and {{visitor}} and {visitor.name}")]
    [InlineData("{{visitor.name}}{{visitor.name}}", "AdaAda")]
    public void Placeholders_are_filled_or_left_as_typed(string text, string expected) =>
        Placeholders.Render(text, Values).Text.ShouldBe(expected);

    [Fact]
    public void What_cannot_be_filled_is_listed_once()
    {
        var rendered = Placeholders.Render("{{visitor.email}} {{visitor.email}} {{agent.phone}}", Values);

        rendered.Unfilled.ShouldBe(["{{visitor.email}}", "{{agent.phone}}"]);
    }

    [Fact]
    public void A_value_is_inserted_as_it_is_and_never_read_as_a_placeholder_again()
    {
        var rendered = Placeholders.Render("Hi {{visitor.name}}", Values with { Visitor = new Dictionary<string, string?> { ["name"] = "{{agent.name}}" } });

        rendered.Text.ShouldBe("Hi {{agent.name}}");
    }
}
