import ArgumentParser
import Foundation
import SacrumCLI
import Testing

/// The README's examples work as written: every `sacrum` command line in its shell blocks is one the
/// command accepts, so a newcomer who copies one gets what the README says, not a usage error.
@Suite struct ReadmeExamplesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `sacrum` command lines of the README's and the guides' ```` ```sh ```` blocks, as words.
    static func commandLines() throws -> [[String]] {
        var commands: [[String]] = []
        for file in ["README.md", "docs/editing.md"] {
            let text = try String(contentsOf: repository.appendingPathComponent(file), encoding: .utf8)
            var inShell = false
            for line in text.components(separatedBy: "\n") {
                if line.hasPrefix("```") {
                    inShell = !inShell && line == "```sh"
                    continue
                }
                guard inShell, line.hasPrefix("sacrum ") else { continue }
                commands.append(Array(words(of: line).dropFirst()))
            }
        }
        return commands
    }

    /// Shell words of a line: quotes group, `#` starts a comment.
    static func words(of line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == "#" && !inWord {
                break
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func readmeHasCommandExamples() throws {
        #expect(try Self.commandLines().count >= 5)
    }

    @Test(arguments: try commandLines())
    func commandLineParses(_ arguments: [String]) throws {
        #expect(throws: Never.self, "sacrum \(arguments.joined(separator: " "))") {
            _ = try SacrumCommand.parseAsRoot(arguments)
        }
    }
}
