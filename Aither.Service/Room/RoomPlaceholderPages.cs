using System.Text;

namespace Aither.Service.Room;

/// <summary>The placeholder pages' HTML: standalone, styled like the course page, script-free (the refresh script is added when served).</summary>
internal static class RoomPlaceholderPages
{
    public static byte[] Html(RoomPlaceholder placeholder) => placeholder switch
    {
        RoomPlaceholder.NotSynchronized => Page(
            "Noch kein Kurs synchronisiert",
            "Sobald eine Synchronisierung mit Hemera erfolgreich war, erscheint hier der nächste Kurs mit seinen Teilnehmern."),
        RoomPlaceholder.NoUpcomingCourse => Page(
            "Kein bevorstehender Kurs",
            "In Hemera ist derzeit kein kommender Kurs geplant. Sobald einer angelegt ist, erscheint er hier nach der nächsten Synchronisierung."),
        _ => throw new ArgumentOutOfRangeException(nameof(placeholder)),
    };

    private static byte[] Page(string heading, string text) => Encoding.UTF8.GetBytes($$"""
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Aither">
        <title>{{heading}}</title>
        <style>
          :root { color-scheme: light; }
          * { box-sizing: border-box; }
          body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; padding: 1.25rem; font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 18px; line-height: 1.45; color: #1a1a1a; background: #f4f6f9; }
          main { max-width: 38rem; padding: 2.5rem 2rem; border: 1px solid #c8c8c8; border-radius: 0.75rem; background: #ffffff; text-align: center; }
          h1 { margin: 0 0 1rem; font-size: 1.8rem; line-height: 1.2; }
          p { margin: 0 0 0.75rem; color: #3a4453; }
          p.hint { margin: 0; font-size: 0.9rem; color: #555555; }
          @media (max-width: 30em) { body { font-size: 16px; } h1 { font-size: 1.5rem; } main { padding: 1.75rem 1.25rem; } }
        </style>
        </head>
        <body>
        <main>
        <h1>{{heading}}</h1>
        <p>{{text}}</p>
        <p class="hint">Diese Seite aktualisiert sich von selbst.</p>
        </main>
        </body>
        </html>

        """.ReplaceLineEndings("\n"));
}
