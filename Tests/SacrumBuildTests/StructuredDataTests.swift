import Foundation
import SacrumBuild
import SacrumContent
import Testing

@Suite struct StructuredDataTests {
    static let files: [String: String] = [
        "themes/test/templates/page.mustache": "{{{jsonLD}}}",
        "themes/test/templates/list.mustache": "{{{jsonLD}}}",
        "content/treatments/fusion.md": """
            ---
            title: SI joint fusion </script><script>alert(1)</script>
            description: Surgery that fuses the joint.
            reviewed_by: Dr. Test, MD
            last_reviewed: 2026-06-01
            procedure_type: surgical
            body_location: Sacroiliac joint
            conditions: [conditions/back-pain]
            ---
            """,
        "content/treatments/injection.md": "---\ntitle: SI joint injection\nprocedure_type: percutaneous\nreviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\n---\n",
        "content/conditions/back-pain.md": "---\ntitle: Back pain\nreviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\n---\n",
        "content/stories/ann.md": "---\ntitle: Ann\ntreatment: treatments/fusion\n---\n",
    ]

    func graph(_ path: String) async throws -> [[String: Any]] {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let result = await site.build()
        let text = try #require(result.text(path))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(json?["@context"] as? String == "https://schema.org")
        return try #require(json?["@graph"] as? [[String: Any]])
    }

    func node(_ graph: [[String: Any]], _ type: String) -> [String: Any]? {
        graph.first { ($0["@type"] as? String) == type }
    }

    @Test func clinicHasPhoneAndTheLunchClosureAsTwoRangesOnTheSameDay() async throws {
        let clinic = try #require(node(try await graph("index.html"), "MedicalClinic"))
        #expect(clinic["telephone"] as? String == "+1-580-234-7246")
        let hours = try #require(clinic["openingHoursSpecification"] as? [[String: Any]])
        #expect(hours.map { "\($0["dayOfWeek"] as? [String] ?? []) \($0["opens"] ?? "")-\($0["closes"] ?? "")" } == [
            "[\"Monday\"] 08:00-12:00", "[\"Monday\"] 12:45-17:00",
        ])
    }

    @Test func treatmentIsAReviewedMedicalWebPageAboutASurgicalProcedure() async throws {
        let graph = try await graph("treatments/fusion/index.html")
        let page = try #require(node(graph, "MedicalWebPage"))
        #expect(page["lastReviewed"] as? String == "2026-06-01")
        #expect((page["reviewedBy"] as? [String: Any])?["name"] as? String == "Dr. Test, MD")
        #expect(page["relatedLink"] as? [String] == ["https://test.example/conditions/back-pain/"])
        let procedure = try #require(node(graph, "SurgicalProcedure"))
        #expect(procedure["bodyLocation"] as? String == "Sacroiliac joint")
        #expect(node(graph, "BreadcrumbList") != nil)
    }

    @Test func injectionIsAPercutaneousProcedure() async throws {
        let procedure = try #require(node(try await graph("treatments/injection/index.html"), "TherapeuticProcedure"))
        #expect(procedure["procedureType"] as? String == "https://schema.org/PercutaneousProcedure")
    }

    @Test func treatmentWithoutProcedureTypeIsAPlainMedicalProcedureWithAWarning() async throws {
        let site = try TemporarySite(Self.files.merging([
            "content/treatments/therapy.md": "---\ntitle: Physical therapy\nreviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\n---\n"
        ]) { $1 })
        defer { site.remove() }
        let result = await site.build()
        #expect(result.diagnostics.filter { $0.id == "medical.procedure-type" }.map(TemporarySite.line) == [
            "content/treatments/therapy.md:1:1: warning: this treatment has no 'procedure_type', so its structured data calls it only a 'MedicalProcedure' [medical.procedure-type]"
        ])
        #expect(result.diagnostics.first { $0.id == "medical.procedure-type" }?.hint
            == "add 'procedure_type:' with 'surgical', 'percutaneous' or 'noninvasive' (an SI-joint injection is percutaneous, a fusion surgical)")
        let text = try #require(result.text("treatments/therapy/index.html"))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let graph = try #require(json?["@graph"] as? [[String: Any]])
        let procedure = try #require(node(graph, "MedicalProcedure"))
        #expect(procedure["procedureType"] == nil)
        #expect(node(graph, "SurgicalProcedure") == nil)
    }

    @Test func conditionIsAMedicalCondition() async throws {
        #expect(node(try await graph("conditions/back-pain/index.html"), "MedicalCondition") != nil)
    }

    @Test func storiesCarryNoReviewOrRatingMarkup() async throws {
        let graph = try await graph("stories/ann/index.html")
        let types = Set(graph.compactMap { $0["@type"] as? String })
        #expect(types == ["MedicalClinic", "WebPage", "BreadcrumbList"])
    }

    @Test func scriptEndTagInAValueCannotCloseTheScriptElement() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let text = try #require(await site.build().text("treatments/fusion/index.html"))
        #expect(!text.contains("</script>"))
        #expect(text.contains("\\u003c/script\\u003e"))
    }
}
