public import SacrumContent
import SacrumMarkdown

/// A small, fixed site for the harnesses that need one: the Markdown target resolves links against it,
/// and the template target renders its pages. It is built once per process from the texts below (no
/// file is read or written), through the same steps as a real build: `SiteConfigDecoder`,
/// `PageSource.decode`, `SiteTreeBuilder` and `ContentStage`.
///
/// The values are deliberately unfriendly to templates: titles and descriptions hold `<`, `&`, quotes
/// and Mustache tags, so that escaping is exercised by every `{{...}}` a fuzzed template writes.
public enum FixtureSite {
    /// The site, with every readable page's Markdown rendered.
    public static let site: Site = build()

    /// Files published besides pages, as `LinkResolver` wants them.
    public static let publishedFiles: Set<String> = ["images/si-joint.svg", "files/consent.pdf", "css/style.css"]

    /// The build's fixed clock: 2026-06-01T00:00:00Z.
    public static let now = 1_780_272_000

    /// The index of the page whose links the Markdown target resolves (a treatment page, so that
    /// `../conditions/...`, `#fragment` and `/treatments/` links all have something to find).
    public static var treatmentPage: Int {
        site.pageByContentPath["treatments/si-joint-fusion.md"] ?? site.home
    }

    static let config = """
        title: "Sacrum <Spine> & \\"Pain\\" 'Clinic'"
        base_url: https://www.example.com
        language: en-US
        theme: default
        practice:
          name: "Sacrum <Spine> & Pain"
          phone: "(580) 234-7246"
          phone_link: "+15802347246"
          address:
            street: "1 Main <St> & \\"Co\\""
            city: Enid
            region: OK
            postal_code: "73701"
            country: US
          hours:
            monday: ["08:00-12:00", "12:45-17:00"]
            tuesday: ["08:00-12:00", "12:45-17:00"]
            wednesday: ["08:00-12:00"]
            thursday: ["08:00-12:00", "12:45-17:00"]
            friday: ["08:00-12:00", "12:45-17:00"]
            saturday: closed
            sunday: closed
          appointment_url: /contact/#request-an-appointment
        markdown:
          unsafe: false
        stories:
          disclosure: "Results <vary> & are \\"not\\" typical; {{page.title}} is text."
        review:
          interval_months: 12
        reviewers:
          - name: "Dr. A <Reviewer> & 'Co'"
        menu:
          - title: Treatments
            url: /treatments/
          - title: "Conditions <all> & more"
            url: /conditions/
          - title: Stories
            url: /stories/
          - title: Contact
            url: /contact/
        footer_menu:
          - title: Privacy
            url: /privacy/
          - title: Elsewhere
            url: https://example.org/a?b=1&c=<2>
        privacy:
          allowed_hosts: []
        """

    static let pages: [(String, String)] = [
        (
            "_index.md",
            """
            ---
            title: "Care for <back> & \\"leg\\" pain"
            description: "Home {{description}} & <em>more</em>"
            ---
            Welcome. See [back pain](conditions/back-pain.md) and the [treatments](treatments/_index.md).

            ## Who we help {#who}

            ## Who we help
            """
        ),
        (
            "treatments/_index.md",
            """
            ---
            title: Treatments
            ---
            Our treatments, listed below.
            """
        ),
        (
            "treatments/si-joint-fusion.md",
            """
            ---
            title: "SI <joint> fusion & 'recovery'"
            description: "Minimally invasive SI-joint fusion: \\"who\\" it helps."
            weight: 20
            date: 2026-01-15
            updated: 2026-03-01T10:30:00+02:00
            procedure_type: surgical
            body_location: Sacroiliac joint
            conditions:
              - conditions/back-pain
            related:
              - contact
            reviewed_by: "Dr. A <Reviewer> & 'Co'"
            last_reviewed: 2026-02-25
            tags:
              - SI joint
              - "Surgery <major>"
            hero_image: /images/si-joint.svg
            faq:
              - question: "What <is> it?"
                answer: "A fusion & more"
              - question: Is it safe?
                answer: 42
            nested:
              deeper:
                deepest: true
            sidebar: treatment
            partials: [partials/header, page, base]
            ---
            SI-joint fusion is *surgery* for **long-lasting** pain; see [back pain](../conditions/back-pain.md#symptoms).

            ![Diagram of the pelvis](../images/si-joint.svg "The SI joint")

            ## What is SI-joint fusion? {#what}

            Fusion joins two bones. <span>raw</span> [Contact us](/contact/) or [call](tel:+15802347246).

            ### Who is a candidate

            - one
            - two [risks](#risks)

            ## Risks

            > A quote with `code` and a [link](https://example.org/?a=1&b=2).

            ## Recovery & aftercare
            """
        ),
        (
            "conditions/back-pain.md",
            """
            ---
            title: Lower back pain
            reviewed_by: "Dr. A <Reviewer> & 'Co'"
            last_reviewed: 2025-01-10
            tags: [Back pain]
            ---
            Back pain is common. Treated by [fusion](../treatments/si-joint-fusion.md).

            ## Symptoms

            ## Causes
            """
        ),
        (
            "stories/back-to-work.md",
            """
            ---
            title: Back to work
            treatment: treatments/si-joint-fusion
            authorization:
              id: "A-1"
              signed: 2026-01-01
              expires: 2027-01-01
            ---
            A patient's story. Read about [recovery](../treatments/si-joint-fusion.md#recovery-aftercare).
            """
        ),
        (
            "providers/dr-a.md",
            """
            ---
            title: "Dr. A <Reviewer> & 'Co'"
            job_title: "Surgeon & <friend>"
            ---
            A provider.
            """
        ),
        (
            "contact.md",
            """
            ---
            title: "Contact \\"us\\" <now>"
            aliases: [/kontakt/]
            ---
            ## Request an appointment

            Call us.
            """
        ),
        (
            "privacy.md",
            """
            ---
            title: Privacy
            draft: false
            ---
            Privacy notice.
            """
        ),
    ]

    private static func build() -> Site {
        let decodedConfig = SiteConfigDecoder().decode(SourceText(config))
        guard let config = decodedConfig.config else {
            fatalError("the fixture's site.yaml does not decode: \(decodedConfig.diagnostics.map(\.message))")
        }
        let sources = pages.map { path, text in
            PageSource.decode(.success(Array(text.utf8)), contentPath: path).0
        }
        let content = ContentLoader.Result(
            pages: sources, staticFiles: ["images/si-joint.svg", "files/consent.pdf"], folders: [], diagnostics: [])
        var site = SiteTreeBuilder.build(config: config, content: content, options: PublishingOptions(now: now)).site
        let renderer = ContentStage.renderer(for: config)
        for index in site.pages.indices where site.pages[index].source?.isReadable == true {
            site.pages[index].content = ContentStage.render(
                site.pages[index], in: site, renderer: renderer, publishedFiles: publishedFiles
            ).1
        }
        return site
    }
}
