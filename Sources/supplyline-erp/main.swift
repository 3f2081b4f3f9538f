import Foundation
import ReferenceERP

exit(ERPCommand.main(arguments: Array(CommandLine.arguments.dropFirst()),
                     environment: ProcessInfo.processInfo.environment))
