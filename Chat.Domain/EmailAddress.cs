namespace Chat.Domain;

/// <summary>What an email address must look like wherever one is kept: a staff login or a visitor's contact.</summary>
public static class EmailAddress
{
    public const int MaxLength = 200;

    /// <summary>
    /// One '@' between a local part and a domain, at most <see cref="MaxLength"/> characters, and no whitespace, control or
    /// invisible formatting character anywhere, so two addresses that look the same are the same.
    /// </summary>
    public static bool IsWellFormed(string email)
    {
        var at = email.IndexOf('@');
        return email.Length <= MaxLength && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
               && Text.IsStorable(email)
               && email.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c)
                                 && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format);
    }
}
