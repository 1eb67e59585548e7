using System.Net;
using System.Net.Mail;
using Chat.Api.Infrastructure;
using Marten;
using Microsoft.Extensions.Options;

namespace Chat.Api.Mail;

public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>The one way Chat sends email; which way it goes is configuration (<c>Chat:Mail:Mode</c>).</summary>
public interface IMailer
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>A mail the development mailbox kept instead of sending: read by the tests, or by a developer in the database.</summary>
public sealed record MailboxMessage(Guid Id, string To, string Subject, string Body, DateTimeOffset SentAt);

/// <summary>Development and tests: mails are stored, never sent.</summary>
public sealed class MailboxMailer(IDocumentStore store, TimeProvider clock) : IMailer
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Insert(new MailboxMessage(Guid.CreateVersion7(), mail.To, mail.Subject, mail.Body, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
    }
}

/// <summary>Production: plain-text mail through the configured SMTP relay.</summary>
public sealed class SmtpMailer(IOptions<ChatOptions> options) : IMailer
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var smtp = options.Value.Mail;
        using var client = new SmtpClient(smtp.SmtpHost, smtp.SmtpPort) { EnableSsl = smtp.SmtpSsl };
        if (!string.IsNullOrEmpty(smtp.SmtpUser)) client.Credentials = new NetworkCredential(smtp.SmtpUser, smtp.SmtpPassword);
        using var message = new MailMessage(smtp.From, mail.To, mail.Subject, mail.Body);
        await client.SendMailAsync(message, ct);
    }
}

public static class MailSetup
{
    public static IServiceCollection AddChatMail(this IServiceCollection services, MailOptions mail) =>
        mail.Mode.Equals("Smtp", StringComparison.OrdinalIgnoreCase)
            ? services.AddSingleton<IMailer, SmtpMailer>()
            : services.AddSingleton<IMailer, MailboxMailer>();
}
