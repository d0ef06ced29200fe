import AssetPipeProviders

/// Files one provider's answers in the generation journal the moment they arrive.
struct JournalAnswerRecorder: AnswerRecorder {
    var journal: GenerationJournal
    /// The provider's name in the manifest: with the request's model, the `provider:model` an
    /// answer is filed under.
    var provider: String

    func arrived(_ answer: RecordedAnswer, for request: GenerationRequest) async {
        await journal.answerArrived(answer, stepID: request.stepID, part: request.imagesBefore,
                                    model: "\(provider):\(request.model)")
    }
}
