import Foundation
import SacrumBuild
import SacrumContent
import Testing

@Suite struct ConfigDiagnosticsTests {
    func diagnostics(_ config: String, only: [String]? = nil) async throws -> [String] {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n", "site.yaml": config])
        defer { site.remove() }
        return await site.diagnostics(only: only)
    }

    @Test func everyMistakeIsReportedAtItsPlace() async throws {
        let found = try await diagnostics("""
            title: Clinic
            base_url: www.example.com
            language: english
            theme: test
            practice:
              name: Clinic
              phone: "(580) 234-7246"
              phone_link: "+15802347247"
              address:
                street: 1 Main St
                city: Lawton
                region: OK
                postal_code: "73501"
                country: US
              hours:
                monday: ["08:00-12:00", "11:45-17:00"]
                tuesday: ["17:00-08:00"]
                funday: ["08:00-09:00"]
            review:
              interval_months: 0
            menu:
              - title: Home
            """)
        #expect(found == [
            "site.yaml:2:11: error: 'www.example.com' is not an absolute http or https URL [config.value]",
            "site.yaml:3:11: error: 'english' is not a language tag [config.value]",
            "site.yaml:7:10: error: 'practice.phone' ((580) 234-7246) and 'practice.phone_link' (+15802347247) are not the same number [config.value]",
            "site.yaml:16:29: error: '11:45-17:00' overlaps or comes before the range before it [config.value]",
            "site.yaml:17:15: error: '17:00-08:00' closes before it opens [config.value]",
            "site.yaml:18:5: warning: unknown key 'funday' in 'practice.hours' [config.unknown-key]",
            "site.yaml:20:20: error: 'review.interval_months' must be between 1 and 120, not 0 [config.value]",
            "site.yaml:22:5: error: a 'menu' entry has no 'url' or 'page' [config.missing]",
        ])
    }

    @Test func missingRequiredKeysAreNamed() async throws {
        let found = try await diagnostics("title: Clinic\n")
        #expect(found == [
            "site.yaml:1:1: error: site.yaml has no 'base_url' [config.missing]",
            "site.yaml:1:1: error: site.yaml has no 'practice' [config.missing]",
        ])
    }

    @Test func placeholdersAreWarnings() async throws {
        let found = try await diagnostics(
            TemporarySite.minimalConfig.replacingOccurrences(of: "1 Main St", with: "\"[PLACEHOLDER: street]\""), only: ["config."])
        #expect(found == ["site.yaml:9:13: warning: 'practice.address.street' is still a placeholder [config.placeholder]"])
    }

    @Test func missingSiteYAMLSaysWhereToRun() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n"], defaults: false)
        defer { site.remove() }
        let found = await site.diagnostics()
        #expect(found == ["site.yaml: error: there is no site.yaml in \(site.root) [config.missing]"])
    }
}

@Suite struct PublishConfigTests {
    @Test func badPublishValuesAreReportedAtTheirPlace() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "site.yaml": TemporarySite.minimalConfig + "\npublish:\n  gzip: yes please\n  brotli_quality: 12\n  zopfli: true\n  manifest: [true]\n",
        ])
        defer { site.remove() }
        let found = await site.diagnostics(only: ["config.", "yaml."])
        #expect(found == [
            "site.yaml:21:9: error: 'publish.gzip' must be true or false, not 'yes please' [yaml.type]",
            "site.yaml:22:19: error: 'publish.brotli_quality' must be between 0 and 11, not 12 [config.value]",
            "site.yaml:23:3: warning: unknown key 'zopfli' in 'publish' [config.unknown-key]",
            "site.yaml:24:13: error: 'publish.manifest' must be true or false, not a list [yaml.type]",
        ])
    }

    @Test func publishIsNotAMapping() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n", "site.yaml": TemporarySite.minimalConfig + "\npublish: yes\n"])
        defer { site.remove() }
        let found = await site.diagnostics(only: ["config.", "yaml."])
        #expect(found == ["site.yaml:20:10: error: 'publish' must be a mapping of 'key: value' lines, not a single value [yaml.type]"])
    }
}
