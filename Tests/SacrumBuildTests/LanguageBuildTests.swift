import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// A site in two languages (`languages:` in site.yaml, `name.es.md` translations): where translations
/// are published, the signals each page carries, and the errors for translations that cannot be.
@Suite struct LanguageBuildTests {
    static let config = TemporarySite.minimalConfig + """

        language: en-US
        menu:
          - {title: Contact, page: contact.md}
        languages:
          es-US:
            title: Clínica de Prueba
            menu:
              - {title: Contacto, page: contact.md}

        """

    static let theme: [String: String] = [
        "themes/test/templates/page.mustache": """
            <html lang="{{site.language}}"><title>{{page.title}} | {{site.title}}</title>
            {{#page.translations}}<link rel="alternate" hreflang="{{tag}}" href="{{canonical}}">
            {{/page.translations}}{{#page.hasTranslations}}<link rel="alternate" hreflang="x-default" href="{{page.xDefault}}">
            {{/page.hasTranslations}}{{#menu}}<a href="{{url}}">{{title}}</a>
            {{/menu}}{{#page.languageLinks}}<a href="{{url}}" lang="{{tag}}" hreflang="{{tag}}">{{name}}</a>
            {{/page.languageLinks}}{{{page.content}}}
            """,
        "themes/test/templates/list.mustache": "<html lang=\"{{site.language}}\"><h1>{{page.title}}</h1>\n{{{page.content}}}",
    ]

    static let review = "translation_review: {by: Ana Ruiz, date: 2026-11-01}\n"

    static let files: [String: String] = [
        "site.yaml": config,
        "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/_index.es.md": "---\ntitle: Inicio\n\(review)---\nBienvenidos.\n",
        "content/contact.md": "---\ntitle: Contact\n---\nCall us.\n",
        "content/contact.es.md": "---\ntitle: Contacto\nslug: contacto\n\(review)---\nVea el [inicio](_index.md).\n",
        "content/treatments/fusion.md": "---\ntitle: Fusion\n---\nSee [contact](../contact.md).\n",
    ].merging(theme) { a, _ in a }

    func build(_ files: [String: String] = Self.files) async throws -> BuildResult {
        let site = try TemporarySite(files)
        defer { site.remove() }
        return await site.build()
    }

    @Test func translationsArePublishedUnderTheLanguagePrefixAndOthersDoNotExist() async throws {
        let result = try await build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "site.yaml:24:3: note: 1 page exists in en-US only, not in es-US: /treatments/fusion/ [lang.untranslated]"
        ])
        let pages = result.paths.filter { $0.hasSuffix("index.html") }.sorted()
        #expect(pages == ["es/contacto/index.html", "es/index.html", "contact/index.html", "index.html", "treatments/fusion/index.html", "treatments/index.html"].sorted())
    }

    @Test func eachPageHasItsLanguageHreflangAndTheSwitch() async throws {
        let result = try await build()
        #expect(result.text("es/contacto/index.html") == """
            <html lang="es-US"><title>Contacto | Clínica de Prueba</title>
            <link rel="alternate" hreflang="en-US" href="https://test.example/contact/">
            <link rel="alternate" hreflang="es-US" href="https://test.example/es/contacto/">
            <link rel="alternate" hreflang="x-default" href="https://test.example/contact/">
            <a href="/es/contacto/">Contacto</a>
            <a href="/contact/" lang="en-US" hreflang="en-US">English</a>
            <p>Vea el <a href="/es/">inicio</a>.</p>

            """)
        // A page without a translation leads to the other language's home page.
        #expect(result.text("treatments/fusion/index.html")?.contains(#"<a href="/es/" lang="es-US" hreflang="es-US">Español</a>"#) == true)
        #expect(result.text("treatments/fusion/index.html")?.contains("hreflang=\"x-default\"") == false)
    }

    @Test func sitemapListsEveryVersionOfATranslatedPage() async throws {
        let sitemap = try await build().text("sitemap.xml") ?? ""
        #expect(sitemap.contains(#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">"#))
        #expect(sitemap.contains("""
              <url>
                <loc>https://test.example/es/contacto/</loc>
                <xhtml:link rel="alternate" hreflang="en-US" href="https://test.example/contact/"/>
                <xhtml:link rel="alternate" hreflang="es-US" href="https://test.example/es/contacto/"/>
                <xhtml:link rel="alternate" hreflang="x-default" href="https://test.example/contact/"/>
              </url>
            """))
    }

    @Test func oneFeedPerLanguageAndJSONLDInLanguage() async throws {
        let result = try await build()
        #expect(result.text("es/feed.xml")?.contains(#"xml:lang="es-US""#) == true)
        #expect(result.text("feed.xml")?.contains(#"xml:lang="en-US""#) == true)
    }

    @Test func translationWithoutOriginalUnknownCodeAndTwoVersionsAreErrors() async throws {
        var files = Self.files
        files["content/about.es.md"] = "---\ntitle: Acerca\n---\n"
        files["content/contact.fr.md"] = "---\ntitle: Contact\n---\n"
        files["content/contact.es-US.md"] = "---\ntitle: Contacto 2\n---\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["lang.no-original", "lang.duplicate", "lang.unknown"]) == [
            "content/about.es.md:1:1: error: this translation has no en-US page to translate: there is no content/about.md, so it is not published [lang.no-original]",
            "content/contact.es.md:1:1: error: this file and content/contact.es-US.md are both the es-US version of one page, so this one is not published [lang.duplicate]",
            "content/contact.fr.md:1:1: error: the file name says this page is in 'fr', which is not a language of this site, so it is not published [lang.unknown]",
        ])
    }

    @Test func aPrefixThatIsAContentFolderIsAnError() async throws {
        var files = Self.files
        files["content/es/page.md"] = "---\ntitle: Page\n---\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["lang.prefix"]) == [
            "site.yaml:24:3: error: the es-US pages are published under /es/, which is also the content folder content/es/, so the two would mix [lang.prefix]"
        ])
    }

    @Test func aTranslationFileInASiteWithoutLanguagesIsAnError() async throws {
        let site = try TemporarySite([
            "content/_index.md": "---\ntitle: Home\n---\n",
            "content/si-joint-injection.md": "---\ntitle: Injection\n---\n",
            "content/si-joint-injection.es.md": "---\ntitle: Inyección\n---\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/si-joint-injection.es.md:1:1: error: the file name says this page is in 'es', which is not a language of this site, so it is not published [lang.unknown]"
        ])
    }

    @Test func aLinkToAnotherLanguageMustSaySo() async throws {
        var files = Self.files
        files["content/contact.es.md"] = "---\ntitle: Contacto\n\(Self.review)---\nVea [Fusión](treatments/fusion.md) y [Fusión (en inglés)](treatments/fusion.md).\n\n[Fusión](/treatments/fusion/)\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["lang.cross-link"]) == [
            "content/contact.es.md:5:5: warning: the link 'treatments/fusion.md' leads to a page in en-US from a page in es-US, without saying so [lang.cross-link]",
            "content/contact.es.md:7:1: warning: the link '/treatments/fusion/' leads to a page in en-US from a page in es-US, without saying so [lang.cross-link]",
        ])
    }

    @Test func aTranslationReviewedBeforeTheOriginalsMedicalReviewIsAWarning() async throws {
        var files = Self.files
        files["content/treatments/fusion.md"] = "---\ntitle: Fusion\nreviewed_by: Dr. Test, MD\nlast_reviewed: 2026-11-20\n---\nText.\n"
        files["content/treatments/fusion.es.md"] =
            "---\ntitle: Fusión\nreviewed_by: Dr. Test, MD\nlast_reviewed: 2026-11-20\ntranslation_review: {by: Ana Ruiz, date: 2026-10-01}\n---\nTexto.\n"
        files["content/contact.es.md"] = "---\ntitle: Contacto\n---\nHola.\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["lang.translation"]) == [
            "content/contact.es.md:1:1: warning: this es-US translation does not say who reviewed it and when ('translation_review') [lang.translation-review]",
            "content/treatments/fusion.es.md:5:1: warning: the en-US page changed since this translation was reviewed: content/treatments/fusion.md was medically reviewed on 2026-11-20, the translation on 2026-10-01 [lang.translation-outdated]",
        ])
    }

    @Test func theThemesStringsAndDatesAreThePagesLanguages() async throws {
        var files = Self.files
        files["themes/test/templates/page.mustache"] = "<p>{{i18n.call}} · {{page.date.display}} · {{#site.practice.hoursByDays}}{{name}}: {{display}}{{/site.practice.hoursByDays}}</p>"
        files["themes/test/i18n/en.yaml"] = "call: Call\n"
        files["themes/test/i18n/es-US.yaml"] = "call: Llame al\nclosed: Cerrado\n"
        files["content/contact.md"] = "---\ntitle: Contact\ndate: 2026-03-14\n---\n"
        files["content/contact.es.md"] = "---\ntitle: Contacto\ndate: 2026-03-14\n\(Self.review)---\n"
        let result = try await build(files)
        #expect(result.text("contact/index.html") == "<p>Call · March 14, 2026 · Monday: 8:00 a.m. – 12:00 noon, 12:45 p.m. – 5:00 p.m.Tuesday – Sunday: Closed</p>")
        #expect(result.text("es/contact/index.html") == "<p>Llame al · 14 de marzo de 2026 · Lunes: 8:00\u{202F}a.m. – 12:00\u{202F}p.m., 12:45\u{202F}p.m. – 5:00\u{202F}p.m.Martes – Domingo: Cerrado</p>")
    }

    @Test func aMissingStringIsAnErrorNamingKeyAndLanguage() async throws {
        var files = Self.files
        files["themes/test/templates/page.mustache"] = "<p>{{i18n.call}} {{i18n.onThisPage}}</p>"
        files["themes/test/i18n/en.yaml"] = "call: Call\nonThisPage: On this page\n"
        files["themes/test/i18n/es.yaml"] = "call: Llame al\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["theme.i18n"]) == [
            "themes/test/templates/page.mustache:1:18: error: the string 'i18n.onThisPage' has no es-US text in themes/test/i18n/es.yaml [theme.i18n]"
        ])
    }

    @Test func taglinesAreShownEachInItsOwnLanguage() async throws {
        var files = Self.files
        files["site.yaml"] = Self.config + """
            language_assistance:
              page: contact.md
              taglines:
                - {language: es, name: Español, text: "ATENCIÓN: si habla español, ... Llame al {phone}."}

            """
        files["themes/test/templates/page.mustache"] =
            "{{#site.languageAssistance}}<a href=\"{{site.languageAssistanceURL}}\" lang=\"{{language}}\">{{name}}</a> <p lang=\"{{language}}\">{{text}}</p>{{/site.languageAssistance}}"
        let result = try await build(files)
        #expect(result.text("es/contacto/index.html") == #"<a href="/es/contacto/" lang="es">Español</a> <p lang="es">ATENCIÓN: si habla español, ... Llame al (580) 234-7246.</p>"#)
        #expect(result.text("contact/index.html")?.hasPrefix(#"<a href="/contact/" lang="es">"#) == true)
    }

    @Test func spanishHoursInProseAreCheckedAgainstSiteYaml() async throws {
        var files = Self.files
        files["content/contact.es.md"] = "---\ntitle: Contacto\n\(Self.review)---\nAbrimos de 8:00 a 12:00 y de 12:45 a 5:00 p. m., no de 9:00 a. m. a 6:00 p. m.\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["nap."]) == [
            "content/contact.es.md:5:56: error: the hours '9:00 a. m. a 6:00 p. m.' differ from the opening hours in site.yaml (8:00 a.m. – 12:00 noon, 12:45 p.m. – 5:00 p.m.) [nap.hours]"
        ])
    }

    @Test func aTranslationMayKeepTheOriginalsTitle() async throws {
        var files = Self.files
        files["content/contact.es.md"] = "---\ntitle: Contact\n\(Self.review)---\nHola.\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["seo.title-duplicate"]) == [])
    }

    @Test func theAppointmentLinkLeadsToThePagesLanguage() async throws {
        var files = Self.files
        files["site.yaml"] = Self.config.replacingOccurrences(of: "  hours:\n", with: "  appointment_url: /contact/#call\n  hours:\n")
        files["themes/test/templates/page.mustache"] = "{{site.practice.appointmentURL}}"
        let result = try await build(files)
        #expect(result.text("contact/index.html") == "/contact/#call")
        #expect(result.text("es/contacto/index.html") == "/es/contacto/#call")
    }

    @Test func aTranslationsURLOutsideItsPrefixIsAWarning() async throws {
        var files = Self.files
        files["content/contact.es.md"] = "---\ntitle: Contacto\nurl: /contacto/\n\(Self.review)---\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["lang.url"]) == [
            "content/contact.es.md:3:6: warning: this es-US page's url /contacto/ is outside /es/, where the language's pages are published [lang.url]"
        ])
    }
}
