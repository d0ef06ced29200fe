import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import AssetPipeEngine
@testable import AssetPipeReporting

/// `--junit`: parsed as XML and held to the structure of the JUnit schema CI servers validate
/// against (junit-10.xsd, as Jenkins' xUnit plugin ships it), with one testcase per step whose
/// verdict matches the step's status.
@Suite struct JUnitReportTests {
    /// What junit-10.xsd allows: the attributes of each element, the children it may hold, and the
    /// attributes it requires.
    private static let allowedAttributes: [String: Set<String>] = [
        "testsuites": ["name", "time", "tests", "failures", "disabled", "errors"],
        "testsuite": ["name", "tests", "failures", "errors", "time", "disabled", "skipped", "skips", "timestamp", "hostname",
                      "id", "package", "assertions", "file", "skip", "log", "url"],
        "testcase": ["name", "assertions", "time", "timestamp", "classname", "status", "class", "file", "line", "log", "group", "url"],
        "failure": ["type", "message"], "error": ["type", "message"], "skipped": ["type", "message"],
        "system-out": [], "system-err": [],
    ]
    private static let allowedChildren: [String: Set<String>] = [
        "testsuites": ["testsuite"],
        "testsuite": ["testsuite", "properties", "testcase", "system-out", "system-err"],
        "testcase": ["skipped", "error", "failure", "system-out", "system-err"],
        "failure": [], "error": [], "skipped": [], "system-out": [], "system-err": [],
    ]
    private static let requiredAttributes: [String: Set<String>] = ["testsuite": ["tests"], "testcase": ["name"]]

    private static func step(_ id: String, _ status: ReportDocument.StepStatus, reason: String? = nil,
                             attempts: [ReportDocument.AttemptEntry] = []) -> ReportDocument.StepEntry {
        .init(id: id, status: status, reason: reason, prompt: "p", operation: "generate", model: "gw:m", inputs: [],
              requests: attempts.count, seconds: 0.25, attempts: attempts, fallbacks: [], outputs: [], images: [], notes: [],
              revisedPrompts: [])
    }

    private static let hostile = "refused: <script>\"quoted\" & 'so on'\u{1}\nsecond line"

    private static let report: ReportDocument = {
        var document = ReportDocumentTests.sample
        document.manifest = "packs/icons & more.json"
        document.steps = [
            step("hero", .generated), step("cached", .cached),
            step("refused", .failed, reason: hostile,
                 attempts: [.init(provider: "gw", model: "gw:m", attempt: 1, disposition: .failed, seconds: 0.2, httpStatus: 400,
                                  error: "moderation_blocked")]),
            step("night", .skipped, reason: "upstream 'refused' failed"), step("late", .interrupted),
        ]
        return document
    }()

    private func parse(_ xml: String) throws -> XMLElement {
        let document = try XMLDocument(data: Data(xml.utf8), options: [])
        return try #require(document.rootElement())
    }

    private func checkStructure(_ element: XMLElement, sourceLocation: SourceLocation = #_sourceLocation) {
        let name = element.name ?? ""
        guard let attributes = Self.allowedAttributes[name], let children = Self.allowedChildren[name] else {
            Issue.record("unexpected element <\(name)>", sourceLocation: sourceLocation)
            return
        }
        let present = Set((element.attributes ?? []).compactMap(\.name))
        #expect(present.isSubset(of: attributes), "<\(name)> has \(present.subtracting(attributes))", sourceLocation: sourceLocation)
        #expect(Self.requiredAttributes[name, default: []].isSubset(of: present), "<\(name)> lacks a required attribute",
                sourceLocation: sourceLocation)
        for child in (element.children ?? []).compactMap({ $0 as? XMLElement }) {
            #expect(children.contains(child.name ?? ""), "<\(child.name ?? "")> inside <\(name)>", sourceLocation: sourceLocation)
            checkStructure(child, sourceLocation: sourceLocation)
        }
    }

    @Test func followsTheJUnitSchemaWithOneTestcasePerStep() throws {
        let root = try parse(JUnitReport.render(Self.report))
        #expect(root.name == "testsuites")
        checkStructure(root)
        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "name")?.stringValue == "packs/icons & more.json")
        #expect(suite.attribute(forName: "tests")?.stringValue == "5")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
        #expect(suite.attribute(forName: "errors")?.stringValue == "1")
        #expect(suite.attribute(forName: "skipped")?.stringValue == "1")
        let cases = suite.elements(forName: "testcase")
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["hero", "cached", "refused", "night", "late"])
        #expect(cases.allSatisfy { $0.attribute(forName: "classname")?.stringValue == "packs/icons & more.json" })
        #expect(cases.allSatisfy { $0.attribute(forName: "time")?.stringValue == "0.250" })
    }

    @Test func eachVerdictMatchesTheStepsStatusAndAFailureCarriesTheProvidersMessage() throws {
        let cases = try #require(try parse(JUnitReport.render(Self.report)).elements(forName: "testsuite").first)
            .elements(forName: "testcase")
        func verdicts(_ testcase: XMLElement) -> [String] {
            ["failure", "error", "skipped"].filter { !testcase.elements(forName: $0).isEmpty }
        }
        #expect(cases.map(verdicts) == [[], [], ["failure"], ["skipped"], ["error"]])
        let failure = try #require(cases[2].elements(forName: "failure").first)
        // Markup survives as text; the control character XML cannot carry is replaced.
        #expect(failure.attribute(forName: "message")?.stringValue == "refused: <script>\"quoted\" & 'so on'\u{FFFD}\nsecond line")
        #expect(failure.stringValue?.contains("attempt 1 on gw:m: HTTP 400 failed: moderation_blocked") == true)
        #expect(cases[3].elements(forName: "skipped").first?.attribute(forName: "message")?.stringValue == "upstream 'refused' failed")
    }
}
